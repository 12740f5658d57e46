import { clinicalHistory } from './clinical.ts';
import {
  SYNTHETIC_SSN_AREAS,
  syntheticEmail,
  syntheticMemberId,
  syntheticMrn,
  syntheticPhone,
  syntheticSsn,
} from './identifiers.ts';
import { dayNumber } from './local-time.ts';
import type { SyntheticPatient } from './patient.ts';
import { patientIdAt } from './patient-ids.ts';
import { PAYERS, STATES } from './states.ts';
import { createSynthFaker } from './synth-faker.ts';
import { watermarkFor } from './watermark.ts';

export { verifyWatermark } from './watermark.ts';

/** Patient ids are `zz-` + 7 digits, which bounds the population. */
export const MAX_PATIENTS = 10_000_000;
export const MAX_SEED = 0xffff_ffff;

const GENDERS = [
  { weight: 50, value: 'female' as const },
  { weight: 48, value: 'male' as const },
  { weight: 1, value: 'other' as const },
  { weight: 1, value: 'unknown' as const },
];
const STATE_WEIGHTS = STATES.map((state) => ({ weight: state.weight, value: state }));
const EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net', 'mail.phi-drill.test'];

const faker = createSynthFaker();

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer in 0..${MAX_SEED}, got ${seed}`);
  }
}

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_PATIENTS) {
    throw new RangeError(`patient index must be an integer in 0..${MAX_PATIENTS - 1}, got ${index}`);
  }
}

/**
 * The patient at `index` of the population for `seed`. Faker is re-seeded from (seed, index) for
 * every record, so any record can be produced alone, in any order, and is byte-identical to the
 * same position of a streamed population.
 */
export function patientAt(seed: number, index: number): SyntheticPatient {
  checkSeed(seed);
  checkIndex(index);
  faker.seed([seed, index]);
  const id = patientIdAt(index);
  const gender = faker.helpers.weightedArrayElement(GENDERS);
  const sex =
    gender === 'female' || gender === 'male'
      ? gender
      : faker.helpers.arrayElement(['female', 'male'] as const);
  const given = faker.person.firstName(sex);
  const family = faker.person.lastName();
  const birthDate = faker.date.birthdate({ mode: 'age', min: 0, max: 95 }).toISOString().slice(0, 10);
  const state = faker.helpers.weightedArrayElement(STATE_WEIGHTS);
  const zip3 = faker.number.int({ min: state.zip3[0], max: state.zip3[1] });
  const address = {
    line: faker.location.streetAddress(),
    city: faker.location.city(),
    state: state.code,
    postalCode: `${String(zip3).padStart(3, '0')}${String(faker.number.int(99)).padStart(2, '0')}`,
  };
  const phone = syntheticPhone(faker.helpers.arrayElement(state.areaCodes), faker.number.int(99));
  const email = syntheticEmail(
    given,
    family,
    faker.number.int({ min: 1, max: 99 }),
    faker.helpers.arrayElement(EMAIL_DOMAINS),
  );
  const ssn = syntheticSsn(
    faker.helpers.arrayElement(SYNTHETIC_SSN_AREAS),
    faker.number.int({ min: 1, max: 99 }),
    faker.number.int({ min: 1, max: 9999 }),
  );
  const insurance = {
    payer: faker.helpers.arrayElement(PAYERS),
    memberId: syntheticMemberId(faker.string.numeric(10)),
  };
  const mrn = syntheticMrn(index);
  const history = clinicalHistory(faker, { id, sex, birthDay: dayNumber(birthDate), state });
  const identity = { index, id, mrn, ssn, phone, email, insurance };
  return {
    index,
    id,
    mrn,
    ssn,
    given,
    family,
    gender,
    birthDate,
    phone,
    email,
    address,
    insurance,
    ...history,
    watermark: watermarkFor(seed, identity),
  };
}

export interface StreamOptions {
  seed: number;
  count: number;
  /** First index; defaults to 0. */
  start?: number;
}

/**
 * Yields patients `start … start+count-1` one at a time; nothing is kept between yields. Options are
 * checked on the call, not on the first `next()`, so a bad request fails where it is made.
 */
export function streamPatients({ seed, count, start = 0 }: StreamOptions): Generator<SyntheticPatient> {
  checkSeed(seed);
  checkIndex(start);
  if (!Number.isInteger(count) || count < 0 || start + count > MAX_PATIENTS) {
    throw new RangeError(`count must be an integer with start + count <= ${MAX_PATIENTS}, got ${count}`);
  }
  return generate(seed, start, start + count);
}

function* generate(seed: number, from: number, to: number): Generator<SyntheticPatient> {
  for (let index = from; index < to; index++) yield patientAt(seed, index);
}
