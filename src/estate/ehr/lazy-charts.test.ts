import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/clock.ts';
import { toFhirResources } from '../../synth/fhir.ts';
import { patientAt } from '../../synth/population.ts';
import { TelemetryBus } from '../../telemetry/bus.ts';
import { createEstateContext } from '../context.ts';
import { AppointmentSchedule } from './appointment-schedule.ts';
import type { FhirResource } from './fhir-types.ts';
import { matchesAll, parseSearch } from './search.ts';
import { type EhrResourceType, EhrState } from './state.ts';

const SEED = 7;
const COUNT = 120;
const pad = (index: number) => String(index).padStart(7, '0');

function ehr(clock: VirtualClock): EhrState {
  return new EhrState(createEstateContext(clock, new TelemetryBus(clock), SEED));
}

/** The same population twice: every chart stored up front, and every chart built on first touch. */
function pair(): { eager: EhrState; lazy: EhrState; clock: VirtualClock } {
  const clock = new VirtualClock(Date.parse('2026-03-02T13:00:00Z'));
  const eager = ehr(clock);
  const lazy = ehr(clock);
  const schedule = new AppointmentSchedule();
  for (let index = 0; index < COUNT; index++) {
    const patient = patientAt(SEED, index);
    eager.adopt(toFhirResources(patient));
    for (const appointment of patient.appointments) schedule.add(Date.parse(appointment.start), index);
  }
  lazy.seedPopulation({
    count: COUNT,
    chart: (index) => toFhirResources(patientAt(SEED, index)),
    appointmentIndexesBetween: (from, to) => schedule.indexesBetween(from, to),
  });
  void clock.sleepUntil(clock.now() + 60_000);
  return { eager, lazy, clock };
}

function search(state: EhrState, type: EhrResourceType, params: Array<[string, string]>): FhirResource[] {
  const { criteria } = parseSearch(type, params);
  return state.candidates(type, criteria).filter((resource) => matchesAll(resource, criteria));
}

type Step = (state: EhrState) => unknown;
const index = fc.nat(COUNT + 5);
const step: fc.Arbitrary<Step> = fc.oneof(
  index.map((i) => (s: EhrState) => s.get('Patient', `zz-${pad(i)}`)),
  index.map((i) => (s: EhrState) => s.get('Encounter', `zz-${pad(i)}-enc-1`)),
  index.map((i) => (s: EhrState) => search(s, 'Encounter', [['patient', `Patient/zz-${pad(i)}`]])),
  fc.tuple(index, index).map(
    ([a, b]) =>
      (s: EhrState) =>
        search(s, 'Appointment', [['patient', `zz-${pad(a)},zz-${pad(b)}`]]),
  ),
  index.map(
    (i) => (s: EhrState) => search(s, 'Patient', [['identifier', `ZZTEST-${pad(i).padStart(8, '0')}`]]),
  ),
  index.map((i) => (s: EhrState) => search(s, 'Condition', [['_id', `zz-${pad(i)}-cond-1`]])),
  index.map((i) => (s: EhrState) => s.updatePatient(`zz-${pad(i % COUNT)}`, { gender: 'other' })),
  fc.nat(400).map((n) => (s: EhrState) => s.put({ resourceType: 'Encounter', id: `walk-in-${n}` })),
  fc.constant((s: EhrState) => search(s, 'Patient', [['gender', 'female']])),
  fc.constant((s: EhrState) => search(s, 'Encounter', [])),
  index.map((i) => (s: EhrState) => search(s, 'Patient', [['family', patientAt(SEED, i).family]])),
  fc.constant((s: EhrState) => search(s, 'Appointment', [['actor', 'Practitioner/prac-001']])),
  fc.nat(60).map((day) => (s: EhrState) => {
    const from = Date.parse('2026-01-01T00:00:00Z') + day * 86_400_000;
    return s.appointmentsBetween(from, from + 7 * 86_400_000).sort((a, b) => a.id!.localeCompare(b.id!));
  }),
);

describe('lazily built population charts', () => {
  it('answer every read, search and write exactly as charts stored up front do', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const { eager, lazy } = pair();
        for (const run of steps) expect(run(lazy)).toEqual(run(eager));
        for (const type of ['Patient', 'Encounter', 'Condition', 'Appointment'] as const)
          expect(lazy.all(type)).toEqual(eager.all(type));
      }),
      { numRuns: 60 },
    );
  });

  it('build only the charts a request reaches; a search no index narrows scans without keeping them', () => {
    const { lazy } = pair();
    lazy.get('Patient', 'zz-0000004');
    search(lazy, 'Encounter', [['patient', 'Patient/zz-0000009']]);
    search(lazy, 'Patient', [['identifier', 'ZZTEST-00000011']]);
    expect(lazy.builtCharts).toBe(3);
    expect(lazy.get('Patient', `zz-${pad(COUNT)}`)).toBeUndefined();
    expect(lazy.builtCharts).toBe(3);
    expect(search(lazy, 'Patient', [['gender', 'male']]).length).toBeGreaterThan(0);
    expect(lazy.builtCharts).toBe(3);
    search(lazy, 'Appointment', [['actor', 'Practitioner/prac-001']]);
    expect(lazy.builtCharts).toBe(3);
    lazy.all('Condition');
    expect(lazy.builtCharts).toBe(COUNT);
  });

  it('keep a write to a chart: a read after an update is version 2 with the change', () => {
    const { lazy } = pair();
    lazy.updatePatient('zz-0000002', { gender: 'unknown' });
    expect(lazy.get('Patient', 'zz-0000002')).toMatchObject({ gender: 'unknown', meta: { versionId: '2' } });
    expect(search(lazy, 'Patient', [['gender', 'unknown']]).map((p) => p.id)).toContain('zz-0000002');
  });

  it('stamp a chart with the seeding instant, not the time it was first touched', () => {
    const { eager, lazy, clock } = pair();
    void clock.sleepUntil(clock.now() + 86_400_000);
    expect(lazy.get('Appointment', 'zz-0000001-appt-1')?.meta).toEqual(
      eager.get('Appointment', 'zz-0000001-appt-1')?.meta,
    );
  });
});
