import { execFileSync } from 'node:child_process';

export interface SeedingResult {
  patients: number;
  /** `phi-drill synth`'s work (patients as FHIR NDJSON, short of the write) per CPU second, in the same process. */
  synthPerSec: number;
  /** Patients per CPU second seeded into a whole estate (EHR, CRM, portal logins, sharing). */
  seedPerSec: number;
  peakRssMb: number;
}

export interface ScenarioSizeResult {
  patients: number;
  ms: number;
  peakRssMb: number;
  exitCode: number;
  events: number;
}

/**
 * Runs one measurement in a child process of its own, so its peak RSS is not shared with the
 * bench's, on Node's default heap, as `phi-drill run` runs.
 */
function child<T>(args: readonly string[]): T {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', new URL('./population-child.ts', import.meta.url).pathname, ...args],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

/** Seeding rate against synth's, and peak RSS, for an estate of each size. */
export function benchSeeding(populations: readonly number[]): SeedingResult[] {
  return populations.map((patients) => ({
    patients,
    ...child<Omit<SeedingResult, 'patients'>>(['seed', String(patients)]),
  }));
}

/** Wall time and peak RSS of one scenario drilled on each population size. */
export function benchScenarioSizes(file: string, populations: readonly number[]): ScenarioSizeResult[] {
  return populations.map((patients) => ({
    patients,
    ...child<Omit<ScenarioSizeResult, 'patients'>>(['scenario', String(patients), file]),
  }));
}
