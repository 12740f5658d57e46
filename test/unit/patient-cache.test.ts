import { describe, expect, it } from 'vitest';
import { createPatientCache, PATIENT_CACHE, SEED_THROUGH_CACHE } from '../../src/estate/patient-cache.ts';
import type { SyntheticPatient } from '../../src/synth/patient.ts';

/** A generator that counts its runs; a stand-in patient is enough to tell one run from another. */
function counting() {
  let runs = 0;
  const generate = (index: number) => {
    runs += 1;
    return { index } as SyntheticPatient;
  };
  return { generate, runs: () => runs };
}

describe('the estate’s patient cache', () => {
  it('generates each patient of a drill-sized population once, seeding and drill together', () => {
    const generator = counting();
    const cache = createPatientCache(generator.generate);
    const count = 300;
    const read = cache.readForSeeding(count);
    for (let index = 0; index < count; index++) read(index);
    for (let index = 0; index < count; index++) cache.patient(index);
    expect(generator.runs()).toBe(count);
  });

  it('seeds a larger population directly, so the drill generates again what it touches', () => {
    const generator = counting();
    const cache = createPatientCache(generator.generate);
    const count = SEED_THROUGH_CACHE + 1;
    const read = cache.readForSeeding(count);
    for (let index = 0; index < count; index++) read(index);
    cache.patient(0);
    expect(generator.runs()).toBe(count + 1);
  });

  it('keeps at most PATIENT_CACHE patients, dropping the oldest first', () => {
    const generator = counting();
    const cache = createPatientCache(generator.generate);
    for (let index = 0; index <= PATIENT_CACHE; index++) cache.patient(index);
    const afterFill = generator.runs();
    cache.patient(PATIENT_CACHE);
    expect(generator.runs()).toBe(afterFill);
    cache.patient(0);
    expect(generator.runs()).toBe(afterFill + 1);
  });
});
