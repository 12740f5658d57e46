import { BREACH_NOTICE_SERVICE } from '../breach/notices/send.ts';
import { findDiagnoses } from '../synth/find-diagnosis.ts';
import { findPhi } from '../synth/find-phi.ts';
import { defineControl } from './define.ts';
import type { Severity } from './signal.ts';

/**
 * Inspects every message the organisation sends, as a mail gateway's DLP does: diagnoses (codes and
 * names from the condition table) or other PHI in subject and body, and a recipient that is not the
 * address on the patient's CRM contact record now. A message with both went to someone who may not
 * be the patient (164.502(a)); a sensitive diagnosis makes it critical. On any finding it pauses the
 * reminder job, which stops the rest of a batch. One signal per rule: the first opens the incident.
 */
export const outboundMailDlp = defineControl({
  id: 'outbound-mail-dlp',
  summary:
    'Diagnoses or PHI in outbound mail and recipients that are not the current CRM contact; pauses reminders',
  kind: 'detector',
  reads: ['logs'],
  inline: true,
  rules: ['phi-to-stale-recipient', 'stale-recipient', 'phi-in-mail'],
  covers: ['phi-in-notification-email'],
  start({ estate, raise }) {
    const raised = new Set<string>();
    return {
      onEvent(event) {
        if (event.system !== 'mail' || event.action !== 'mail.send' || !event.resource.id) return;
        // Breach notices must name the PHI involved and the contact points (164.404(c)); the privacy
        // office's notice service is reviewed at the source, so DLP lets it through.
        if (event.actor.id === BREACH_NOTICE_SERVICE) return;
        const message = estate.mail.state.message(event.resource.id);
        if (!message) return;
        const content = `${message.subject}\n${message.text}`;
        const diagnoses = findDiagnoses(content);
        const phi = findPhi(content).map((match) => match.kind);
        const current = estate.mail.currentContactEmail(message.patientId);
        const stale = current !== undefined && current.toLowerCase() !== message.to.toLowerCase();
        const carries = diagnoses.length > 0 || phi.length > 0;
        if (!stale && !carries) return;
        const sensitive = diagnoses.flatMap((found) => found.entry.sensitive ?? []);
        // Categories, never the values: the alert must not spread the PHI it found.
        const what = [
          ...new Set([
            ...diagnoses.map(() => 'a diagnosis'),
            ...sensitive.map((category) => `sensitive category ${category}`),
            ...phi,
          ]),
        ].join(', ');
        const [rule, severity, summary]: [string, Severity, string] =
          stale && carries
            ? [
                'phi-to-stale-recipient',
                sensitive.length > 0 ? 'critical' : 'high',
                `${message.id} with ${what} sent to an address that is no longer the patient's`,
              ]
            : stale
              ? [
                  'stale-recipient',
                  'high',
                  `${message.id} sent to an address that is no longer the patient's`,
                ]
              : ['phi-in-mail', 'medium', `${message.id} carries ${what} in an unencrypted reminder`];
        if (!estate.mail.state.config.reminders.paused) estate.mail.pauseReminders('outbound-mail-dlp');
        if (raised.has(rule)) return;
        raised.add(rule);
        raise({ rule, severity, summary, patientIds: [message.patientId], evidence: [event.id] });
      },
    };
  },
});
