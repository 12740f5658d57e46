import { createSynthFaker } from './synth-faker.ts';

export interface SyntheticPractitioner {
  /** FHIR Practitioner.id, e.g. `zz-pr-007`. */
  id: string;
  given: string;
  family: string;
  /** `Dr. Given Family`, as schedules show it. */
  display: string;
  specialty: string;
}

export const PRACTITIONER_COUNT = 24;
const ROSTER_SEED = 20_260_101;
const SPECIALTIES = [
  'Family Medicine',
  'Internal Medicine',
  'Pediatrics',
  'Psychiatry',
  'Obstetrics and Gynecology',
  'Cardiology',
];

function buildRoster(): readonly SyntheticPractitioner[] {
  const faker = createSynthFaker();
  faker.seed(ROSTER_SEED);
  return Array.from({ length: PRACTITIONER_COUNT }, (_, n) => {
    const given = faker.person.firstName();
    const family = faker.person.lastName();
    return {
      id: `zz-pr-${String(n + 1).padStart(3, '0')}`,
      given,
      family,
      display: `Dr. ${given} ${family}`,
      specialty: SPECIALTIES[n % SPECIALTIES.length]!,
    };
  });
}

/**
 * The clinic's staff, the same for every seed: appointments of different patients share clinicians,
 * which is what "a clinician opened a chart with no appointment" style controls look for.
 */
export const PRACTITIONERS: readonly SyntheticPractitioner[] = buildRoster();

const BY_ID = new Map(PRACTITIONERS.map((practitioner) => [practitioner.id, practitioner]));

export function practitionerById(id: string): SyntheticPractitioner | undefined {
  return BY_ID.get(id);
}
