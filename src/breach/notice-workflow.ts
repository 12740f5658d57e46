import type { Mail } from '../estate/mail/index.ts';
import { assessBreach } from './assess.ts';
import { computeObligations } from './deadlines.ts';
import type { PeopleLookup } from './incident-facts.ts';
import { NOTICE_SENDER, sendNotices } from './notices/send.ts';
import { individualNotice, mediaNotice, substitutePosting } from './notices/templates.ts';
import type { BreachPolicy } from './policy.ts';
import type { IncidentFacts, Obligation } from './types.ts';

/** One obligation as the organisation discharged it: which messages went out, and when. */
export interface SentNotice {
  obligationId: string;
  kind: Obligation['kind'];
  sentAt: number;
  messageIds: string[];
  /** Patients an individual notice went to. */
  patientIds: string[];
}

/** Where notices that are not to individuals go (all reserved domains: the estate mails no one real). */
function authorityAddress(obligation: Obligation): string {
  const place = obligation.jurisdiction.toLowerCase();
  switch (obligation.kind) {
    case 'media':
      return `newsdesk@media-${place}.example`;
    case 'secretary':
    case 'secretary-annual-log':
      return 'breach-reports@ocr.hhs.example';
    case 'state-regulator':
      return `breach-notices@regulator-${place}.example`;
    default:
      return 'privacy-office@clinic.example.org';
  }
}

/**
 * The simulated organisation's notification step: assess, compute the obligations, and send one
 * notice per obligation through the estate's outbound mail — individual notices to each affected
 * patient's current CRM address, the rest to the authority concerned.
 */
export function sendBreachNotices(
  facts: IncidentFacts,
  policy: BreachPolicy,
  patientIds: readonly string[],
  mail: Pick<Mail, 'send' | 'currentContactEmail'>,
  people: PeopleLookup,
  now: number,
): SentNotice[] {
  const assessment = assessBreach(facts);
  const obligations = computeObligations(facts, assessment, { entityZone: policy.entityZone });
  const sent: SentNotice[] = [];
  for (const obligation of obligations) {
    const input = { facts, organisation: policy.organisation, discoveredAt: facts.discoveredAt, obligation };
    const toIndividuals = obligation.kind === 'individual' || obligation.kind === 'state-individual';
    const rendered =
      obligation.kind === 'media'
        ? mediaNotice(input)
        : obligation.kind === 'substitute-notice'
          ? substitutePosting(input)
          : individualNotice(input);
    // A state's own individual notice goes to that state's residents; the federal one to everyone.
    const addressees =
      obligation.kind === 'state-individual'
        ? patientIds.filter((id) => people.stateOf(id) === obligation.jurisdiction)
        : patientIds;
    const recipients = toIndividuals
      ? addressees.flatMap((patientId) => {
          const to = mail.currentContactEmail(patientId);
          return to ? [{ patientId, to }] : [];
        })
      : [{ patientId: '', to: authorityAddress(obligation) }];
    const messages = sendNotices(
      mail,
      recipients.map(({ patientId, to }) => ({
        patientId,
        to,
        subject: rendered.subject,
        text: rendered.text,
      })),
      NOTICE_SENDER,
    );
    sent.push({
      obligationId: obligation.id,
      kind: obligation.kind,
      sentAt: now,
      messageIds: messages.map((message) => message.id),
      patientIds: recipients.map((r) => r.patientId).filter(Boolean),
    });
  }
  return sent;
}
