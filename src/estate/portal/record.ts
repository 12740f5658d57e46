import type { SyntheticPatient } from '../../synth/patient.ts';
import type { PortalRecord } from './types.ts';

/** Panels a portal shows as "lab results"; values are drawn from the patient's index, so they repeat. */
const PANELS = [
  { test: 'Hemoglobin A1c', unit: '%', base: 5.2, step: 0.3 },
  { test: 'LDL cholesterol', unit: 'mg/dL', base: 96, step: 11 },
  { test: 'TSH', unit: 'mIU/L', base: 1.1, step: 0.4 },
];

/** What the portal shows a signed-in patient beyond appointments, built from the synthetic chart. */
export function portalRecordOf(patient: SyntheticPatient): PortalRecord {
  const visits = patient.encounters.filter((encounter) => encounter.status === 'finished');
  const results = visits.slice(0, PANELS.length).map((visit, at) => {
    const panel = PANELS[at]!;
    const value = (panel.base + ((patient.index + at) % 5) * panel.step).toFixed(panel.step < 1 ? 1 : 0);
    return {
      id: `${visit.id}-lab`,
      date: visit.end.slice(0, 10),
      test: panel.test,
      value: `${value} ${panel.unit}`,
    };
  });
  const messages = patient.appointments.slice(0, 2).map((appointment) => ({
    id: `${appointment.id}-msg`,
    date: appointment.start.slice(0, 10),
    from: appointment.practitioner,
    subject: `About your ${appointment.description.toLowerCase()}`,
    body: `Please arrive 15 minutes early for your ${appointment.description.toLowerCase()} and bring your insurance card.`,
  }));
  return { mrn: patient.mrn, birthDate: patient.birthDate, results, messages };
}
