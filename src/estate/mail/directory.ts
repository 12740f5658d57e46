import type { FhirAppointment } from '../../synth/fhir-types.ts';
import type { Crm } from '../crm/index.ts';
import type { Ehr } from '../ehr/index.ts';
import type { MailDirectory, ReminderAppointment } from './types.ts';

const PATIENT_REFERENCE = /^Patient\/(.+)$/;

/**
 * Reminders join the EHR's schedule to the CRM's contact record: appointments come from the EHR,
 * the greeting, diagnosis merge field and current e-mail from the patient's Person Account.
 */
export function mailDirectory(
  ehr: Ehr,
  crm: Crm,
  accountOf: (patientId: string) => string | undefined,
  /** What the export copied: each loaded account's e-mail as it was loaded. */
  exportedEmail: (patientId: string) => string | undefined,
): MailDirectory {
  const account = (patientId: string) => {
    const id = accountOf(patientId);
    return id === undefined ? undefined : crm.state.get('Account', id);
  };
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    appointmentsBetween(from, to) {
      const due: ReminderAppointment[] = [];
      for (const resource of ehr.state.appointmentsBetween(from, to) as unknown as FhirAppointment[]) {
        if (resource.status !== 'booked') continue;
        const patientId = resource.participant
          .map((one) => PATIENT_REFERENCE.exec(one.actor.reference ?? '')?.[1])
          .find((id) => id !== undefined);
        const record = patientId === undefined ? undefined : account(patientId);
        if (!patientId || !record) continue;
        const practitioner = resource.participant.find((one) =>
          one.actor.reference?.startsWith('Practitioner/'),
        );
        due.push({
          appointmentId: resource.id,
          patientId,
          start: resource.start,
          practitioner: practitioner?.actor.display ?? 'your clinician',
          givenName: text(record.FirstName) ?? 'patient',
          reason: resource.description,
          diagnosis: text(record.Primary_Diagnosis__c),
        });
      }
      return due.sort(
        (a, b) => Date.parse(a.start) - Date.parse(b.start) || a.appointmentId.localeCompare(b.appointmentId),
      );
    },
    currentEmail: (patientId) => text(account(patientId)?.PersonEmail),
    exportedEmail: (patientId) => text(exportedEmail(patientId)),
  };
}
