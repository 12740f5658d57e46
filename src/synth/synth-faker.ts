import { en, en_US, Faker } from '@faker-js/faker';
import { createSfc32Randomizer } from './random.ts';

/** Birth dates and ages are computed against this instant, never against today. */
export const REFERENCE_DATE = '2026-01-01T00:00:00Z';
/** "Now" for schedules: appointments after this day are still booked, encounters end before it. */
export const SCHEDULE_DATE = '2026-03-01';

/**
 * A dedicated Faker, so nothing else in the process (tests, other generators) can shift the sequence
 * by seeding or drawing from the global instance.
 */
export function createSynthFaker(): Faker {
  const faker = new Faker({ locale: [en_US, en], randomizer: createSfc32Randomizer() });
  faker.setDefaultRefDate(REFERENCE_DATE);
  return faker;
}
