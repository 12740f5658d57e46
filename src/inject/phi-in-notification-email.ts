import { z } from 'zod';
import { defineInjector } from './define.ts';

const NEW_DOMAIN = 'example.com';

/**
 * A template change adds "reason for visit" and the diagnosis merge field to the automated
 * appointment reminders. Meanwhile some of tomorrow's patients have given the front desk a new
 * e-mail address, which is updated on their CRM contact but not on the reminder job's own list, so
 * their reminders, diagnosis included, go to the address they left.
 */
export const phiInNotificationEmail = defineInjector({
  id: 'phi-in-notification-email',
  summary: 'Appointment reminders carry the diagnosis, and some go to addresses the patients no longer use',
  attack: [],
  hipaa: ['164.502(a)', '164.502(b)', '164.514(d)', '164.312(e)(1)'],
  dossier: {
    dossier: 'legal-consequences',
    failure: 'PHI included in automated email notifications without encryption',
  },
  detection: 'Diagnosis text or codes in outbound mail; a recipient that is not the current CRM contact',
  params: z.strictObject({
    stale: z
      .int()
      .min(1)
      .max(20)
      .default(2)
      .describe('Patients first on the next reminder run whose CRM e-mail changed while the list did not'),
  }),
  conditions: ['reminders-paused'],
  async apply({ estate, fetch, clock, exposed }, params) {
    const { mail, credentials } = estate;
    const saved = { ...mail.state.config.reminders };
    mail.state.config.reminders.template = 'with-diagnosis';
    const due = mail.reminders.dueAt(mail.reminders.nextRunAfter(clock.now()));
    const patients = [...new Set(due.map((appointment) => appointment.patientId))].slice(0, params.stale);
    if (patients.length === 0) throw new Error('no reminders are due on the next run; move the inject');
    const desk = credentials.crm.frontDesk[0]!;
    const token = estate.crmIssueToken(credentials.crm.consoleApp.clientId, desk.username, ['api']);
    const stale = new Map<string, string>();
    for (const patientId of patients) {
      const old = mail.state.reminderList.get(patientId)!;
      const updated = `${old.split('@')[0]}.new@${NEW_DOMAIN}`;
      const response = await fetch(
        `/services/data/v${estate.crmApiVersion}/sobjects/Account/FHIR_Patient_Id__c/${patientId}`,
        {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ PersonEmail: updated }),
        },
      );
      if (!response.ok)
        throw new Error(`CRM refused the e-mail change for ${patientId} (HTTP ${response.status})`);
      stale.set(patientId, old);
    }
    // Ground truth of the disclosure: a reminder that left for an address the patient gave up.
    const stop = estate.bus.subscribe((event) => {
      if (event.system !== 'mail' || event.action !== 'mail.send') return;
      const patientId = event.patientIds[0];
      if (patientId !== undefined && stale.get(patientId) === event.detail?.to) exposed([patientId]);
    });
    return {
      probes: { 'reminders-paused': () => mail.state.config.reminders.paused },
      revert() {
        stop();
        mail.state.config.reminders = saved;
      },
    };
  },
});
