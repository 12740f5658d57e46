import type { Agenda } from '../../clock/agenda.ts';
import { isBusinessHours } from '../../clock/local-time.ts';
import type { Estate } from '../estate.ts';

const HOUR = 3_600_000;
/** Devices check in about every 8 hours (Intune's regular sync cycle); offset so no two land together. */
const CHECK_IN_EVERY_MS = 8 * HOUR;

/**
 * The devices' own schedule, independent of the random streams: each checks in every 8 hours
 * (encrypted, compliant), and during clinic hours each clinician's app primes its offline store with
 * a few of the day's patients every 4 hours — encrypted, so the benign look-alike of a lost device.
 */
export function scheduleDevices(estate: Estate, agenda: Agenda, from: number, until: number): void {
  const ids = [...estate.mdm.devices.keys()];
  ids.forEach((id, index) => {
    const stagger = (index + 1) * 7 * 60_000 + 13_000;
    for (let at = from + stagger; at < until; at += CHECK_IN_EVERY_MS) {
      agenda.at(at, 'background: device check-in', () => estate.mdm.checkIn(id));
    }
    let primed = 0;
    for (let at = from + stagger + 29_000; at < until; at += 4 * HOUR) {
      agenda.at(at, 'background: mobile offline sync', () => {
        if (!isBusinessHours(at, estate.timezone)) return;
        const { count } = estate.population;
        const patients = [0, 1, 2].map(
          (n) => estate.population.patient((index * 31 + primed * 3 + n) % count).id,
        );
        primed += 1;
        estate.mdm.offlineSync(id, patients);
      });
    }
  });
}
