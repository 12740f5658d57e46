import type { Agenda } from '../../clock/agenda.ts';
import { nextLocalHour } from '../../clock/local-time.ts';
import type { Estate } from '../estate.ts';
import { EXPORT_HOST_IP } from './hosts.ts';

/** The export runs nightly at 02:00 local, after the day's encounters are closed. */
const EXPORT_HOUR = 2;

/**
 * The benign look-alike of an identified analytics export: the nightly de-identified batch to the
 * same outside platform, with the same patients, diagnoses and ages. A scheduled job, so it runs at
 * every traffic level.
 */
export function scheduleAnalyticsExports(estate: Estate, agenda: Agenda, from: number, until: number): void {
  const run = (at: number) => {
    if (at >= until) return;
    agenda.at(at, 'background: nightly analytics export', async () => {
      await estate.analytics.run(
        { id: 'analytics-export', type: 'service', name: 'Population-health export' },
        { sourceIp: EXPORT_HOST_IP, requestId: estate.context.nextId('req') },
      );
      run(nextLocalHour(at + 3_600_000, estate.timezone, EXPORT_HOUR));
    });
  };
  run(nextLocalHour(from, estate.timezone, EXPORT_HOUR));
}
