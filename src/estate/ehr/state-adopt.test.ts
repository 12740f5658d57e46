import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/clock.ts';
import { toFhirResources } from '../../synth/fhir.ts';
import { patientAt } from '../../synth/population.ts';
import { TelemetryBus } from '../../telemetry/bus.ts';
import { createEstateContext } from '../context.ts';
import { EhrState } from './state.ts';

function ehr() {
  const clock = new VirtualClock(Date.parse('2026-03-02T13:00:00Z'));
  return new EhrState(createEstateContext(clock, new TelemetryBus(clock), 7));
}

describe('EHR adopt', () => {
  it('stores a generated chart exactly as seed does, for any patient of the population', () => {
    fc.assert(
      fc.property(fc.nat(999_999), (index) => {
        const [copied, adopted] = [ehr(), ehr()];
        copied.seed(toFhirResources(patientAt(7, index)));
        adopted.adopt(toFhirResources(patientAt(7, index)));
        for (const type of ['Patient', 'Encounter', 'Condition', 'Appointment'] as const) {
          expect(adopted.all(type)).toEqual(copied.all(type));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses what seed refuses: a resource the EHR cannot hold, or one without an id', () => {
    const state = ehr();
    expect(() => state.adopt([{ resourceType: 'Observation', id: 'x' }])).toThrow(/cannot hold Observation/);
    expect(() => state.adopt([{ resourceType: 'Patient' }])).toThrow(/without an id/);
    expect(state.all('Patient')).toEqual([]);
  });

  it('keeps the version history: a write after adopt is version 2', () => {
    const state = ehr();
    const [patient] = toFhirResources(patientAt(7, 3));
    state.adopt([patient!]);
    const updated = state.updatePatient(patient!.id!, { gender: 'unknown' });
    expect(updated.meta?.versionId).toBe('2');
    expect(state.get('Patient', patient!.id!)?.meta?.versionId).toBe('2');
  });
});
