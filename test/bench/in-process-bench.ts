import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { clinicianToken } from '../support/smart-token.ts';
import { requests as bareRequests } from './floor-bench.ts';

export interface InProcessResult {
  /** Microseconds per FHIR Patient read through `estate.fetch`, body read as JSON. */
  estateUs: number;
  /** Microseconds per Fetch Request and Response around a plain handler: the floor's request. */
  bareUs: number;
}

async function perRequestUs(count: number, work: (count: number) => Promise<void>): Promise<number> {
  const began = performance.now();
  await work(count);
  return ((performance.now() - began) * 1000) / count;
}

/**
 * An in-process request as a drill makes it: a FHIR Patient read through the estate's own fetch
 * (authenticated, audited, its telemetry emitted, the JSON body read), against the least any
 * Fetch-API simulation does per request (a Request, a plain handler, a Response read). Each is
 * warmed up with a fifth of `count` first.
 */
export async function benchInProcess(count: number): Promise<InProcessResult> {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  const clock = new VirtualClock(Date.parse('2026-03-02T09:00:00Z'));
  const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 1, patients: 200 });
  const token = await clinicianToken(estate);
  const headers = { authorization: `Bearer ${token}` };
  const reads = async (n: number) => {
    for (let i = 0; i < n; i += 1) {
      const response = await estate.fetch(`/fhir/R4/Patient/zz-${String(i % 200).padStart(7, '0')}`, {
        headers,
      });
      if (response.status !== 200) throw new Error(`Patient read answered ${response.status}`);
      await response.json();
    }
  };
  const warmUp = Math.max(1, Math.floor(count / 5));
  await reads(warmUp);
  await bareRequests(warmUp);
  return { estateUs: await perRequestUs(count, reads), bareUs: await perRequestUs(count, bareRequests) };
}
