import { en, en_US, Faker } from '@faker-js/faker';
import { toFhirPatient } from '../../src/synth/fhir.ts';
import { streamPatients } from '../../src/synth/population.ts';

export interface SynthBenchResult {
  phiDrillPerSec: number;
  bareFakerPerSec: number;
  /** phi-drill throughput as a fraction of the bare-faker baseline. */
  ratio: number;
}

/** Bytes produced are returned and checked, so neither loop can be optimised away as dead code. */
interface Lap {
  ms: number;
  bytes: number;
}

function phiDrill(count: number): Lap {
  const started = performance.now();
  let bytes = 0;
  for (const patient of streamPatients({ seed: 1, count })) {
    bytes += JSON.stringify(toFhirPatient(patient)).length;
  }
  return { ms: performance.now() - started, bytes };
}

/** The same person-level fields with plain faker calls: what a hand-rolled generator would cost. */
function bareFaker(count: number): Lap {
  const faker = new Faker({ locale: [en_US, en] });
  faker.seed(1);
  faker.setDefaultRefDate('2026-01-01T00:00:00Z');
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const record = {
      id: faker.string.alphanumeric(10),
      mrn: faker.string.alphanumeric(10),
      memberId: faker.string.alphanumeric(10),
      given: faker.person.firstName(),
      family: faker.person.lastName(),
      birthDate: faker.date.birthdate().toISOString().slice(0, 10),
      line: faker.location.streetAddress(),
      city: faker.location.city(),
      state: faker.location.state({ abbreviated: true }),
      postalCode: faker.location.zipCode(),
      phone: faker.phone.number(),
      email: faker.internet.email(),
    };
    bytes += JSON.stringify(record).length;
  }
  return { ms: performance.now() - started, bytes };
}

/**
 * Patients per second for phi-drill's streamPatients + toFhirPatient against a bare faker loop, in
 * the same process. A short warm-up runs first so both are measured with optimised code.
 */
export async function benchSynth(count: number): Promise<SynthBenchResult> {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  const warmUp = Math.min(count, 2000);
  phiDrill(warmUp);
  bareFaker(warmUp);
  const ours = phiDrill(count);
  const bare = bareFaker(count);
  if (ours.bytes === 0 || bare.bytes === 0) throw new Error('benchmark produced no output');
  const phiDrillPerSec = (count / ours.ms) * 1000;
  const bareFakerPerSec = (count / bare.ms) * 1000;
  return { phiDrillPerSec, bareFakerPerSec, ratio: phiDrillPerSec / bareFakerPerSec };
}
