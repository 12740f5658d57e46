import type { SyntheticPatient } from '../synth/patient.ts';

/** Patients kept at most: a drill's population whole, a large one's recently touched part. */
export const PATIENT_CACHE = 10_000;
/** Populations up to this size are seeded through the cache (see `readForSeeding`). */
export const SEED_THROUGH_CACHE = 5_000;

export interface PatientCache {
  /** The patient at `index`, generated on first use and kept while the cache has room. */
  patient(index: number): SyntheticPatient;
  /**
   * How seeding a population of `count` reads its patients. A drill-sized population goes through
   * the cache: the drill goes on to touch every patient (background visits, the CRM's accounts,
   * the EHR's charts), and each would otherwise be generated twice. A larger one is read directly,
   * once: through the cache every patient would pass through it and the collector would trace and
   * evict thousands of them at a time (at 10,000 patients, seeding ran at about 0.8 times the rate
   * of reading directly).
   */
  readForSeeding(count: number): (index: number) => SyntheticPatient;
}

/**
 * Regenerating a patient costs a faker run and an HMAC; background traffic asks for the same people
 * over and over. A bounded cache keeps that cheap without holding a large population in memory.
 */
export function createPatientCache(generate: (index: number) => SyntheticPatient): PatientCache {
  const cache = new Map<number, SyntheticPatient>();
  const patient = (index: number) => {
    let found = cache.get(index);
    if (!found) {
      found = generate(index);
      if (cache.size >= PATIENT_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(index, found);
    }
    return found;
  };
  return {
    patient,
    readForSeeding: (count) => (count <= SEED_THROUGH_CACHE ? patient : generate),
  };
}
