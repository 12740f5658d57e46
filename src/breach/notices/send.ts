import type { EstateContext } from '../../estate/context.ts';
import type { Mail, MailMessage } from '../../estate/mail/index.ts';
import { MAIL_RELAY_IP } from '../../estate/mail/mail.ts';

/** The estate's outbound mail as notices use it: the outbox, and the context its ids and clock come from. */
export interface NoticeMail {
  readonly context: EstateContext;
  readonly mail: Mail;
}

/** One e-mailed notice to one individual. */
export interface OutgoingNotice {
  patientId: string;
  to: string;
  subject: string;
  text: string;
  /** The obligation it discharges (`individual`, `substitute-notice` …); carried in a header. */
  obligationId: string;
}

export const NOTICE_SENDER = 'Riverside Clinic Privacy Office <privacy@clinic.example.org>';
const SERVICE = 'svc-breach-notices';
/** Names the obligation a message discharges, so its arrival can be checked by header, not by subject text. */
export const NOTICE_HEADER = 'X-Breach-Notice';

function rfc5322Date(time: number): string {
  return new Date(time).toUTCString().replace(/GMT$/, '+0000');
}

/**
 * Hands each notice to the estate's outbound mail. The mail system exposes its outbox and no
 * general-purpose send, so this builds the message exactly as the outbox stores one (same id
 * sequence, header set and Message-ID form) and reports it to telemetry as the gateway does, so
 * every observer of outbound mail sees the notices go out.
 */
export function sendNotices(
  target: NoticeMail,
  notices: readonly OutgoingNotice[],
  from: string = NOTICE_SENDER,
): MailMessage[] {
  const { context, mail } = target;
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1];
  if (domain === undefined) throw new RangeError(`sender has no address: ${from}`);
  return notices.map((notice) => {
    const id = context.nextId('mail');
    const time = context.clock.now();
    const messageId = `<${id}.${context.seed}@${domain}>`;
    const message: MailMessage = {
      id,
      time,
      from,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
      headers: {
        From: from,
        To: notice.to,
        Subject: notice.subject,
        Date: rfc5322Date(time),
        'Message-ID': messageId,
        'MIME-Version': '1.0',
        'Content-Type': 'text/plain; charset=utf-8',
        'Auto-Submitted': 'auto-generated',
        [NOTICE_HEADER]: notice.obligationId,
      },
      patientId: notice.patientId,
    };
    mail.state.outbox.push(message);
    context.bus.emit({
      system: 'mail',
      action: 'mail.send',
      actor: { id: SERVICE, type: 'service' },
      sourceIp: MAIL_RELAY_IP,
      resource: { type: 'EmailMessage', id },
      patientIds: [notice.patientId],
      fields: [],
      outcome: 'success',
      detail: { from, to: notice.to, subject: notice.subject, messageId },
    });
    return message;
  });
}

export interface Arrival {
  /** Every expected notice is in the outbox. */
  all: boolean;
  arrived: Array<{ patientId: string; to: string; message: MailMessage }>;
  missing: Array<{ patientId: string; to: string }>;
}

/**
 * Which expected notices are in the outbox: a message for the same patient, to the same address,
 * carrying the notice header for the obligation, handed over no earlier than `since`.
 */
export function noticesArrived(
  outbox: readonly MailMessage[],
  expected: ReadonlyArray<{ patientId: string; to: string }>,
  options: { obligationId: string; since?: number },
): Arrival {
  const result: Arrival = { all: true, arrived: [], missing: [] };
  for (const want of expected) {
    const message = outbox.find(
      (one) =>
        one.patientId === want.patientId &&
        one.to.toLowerCase() === want.to.toLowerCase() &&
        one.headers[NOTICE_HEADER] === options.obligationId &&
        one.time >= (options.since ?? Number.NEGATIVE_INFINITY),
    );
    if (message) result.arrived.push({ ...want, message });
    else result.missing.push(want);
  }
  result.all = result.missing.length === 0;
  return result;
}
