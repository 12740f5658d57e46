import type { Mail, MailMessage } from '../../estate/mail/index.ts';

/** One e-mailed notice to one individual. */
export interface OutgoingNotice {
  patientId: string;
  to: string;
  subject: string;
  text: string;
}

export const NOTICE_SENDER = 'Riverside Clinic Privacy Office <privacy@clinic.example.org>';
/** The privacy office's notice service, as mail telemetry names the sender. */
export const BREACH_NOTICE_SERVICE = 'svc-breach-notices';

/**
 * Hands each notice to the estate's outbound mail through the outbox's own send, so a notice is
 * stored, timed, numbered and reported to telemetry exactly like every other message the
 * organisation sends, and mail observers (DLP) inspect it too.
 */
export function sendNotices(
  mail: Pick<Mail, 'send'>,
  notices: readonly OutgoingNotice[],
  from: string = NOTICE_SENDER,
): MailMessage[] {
  return notices.map(({ patientId, to, subject, text }) =>
    mail.send({ patientId, to, subject, text }, { from, service: BREACH_NOTICE_SERVICE }),
  );
}

export interface Arrival {
  /** Every expected notice is in the outbox. */
  all: boolean;
  arrived: Array<{ patientId: string; to: string; message: MailMessage }>;
  missing: Array<{ patientId: string; to: string }>;
}

/**
 * Which expected notices are in the outbox: a message about the same patient, to the same address
 * (addresses compare without case), from the notice sender, with the notice's subject when one is
 * given, handed over no earlier than `since`. A reminder to the same person does not count.
 */
export function noticesArrived(
  outbox: readonly MailMessage[],
  expected: ReadonlyArray<{ patientId: string; to: string }>,
  options: { subject?: string; since?: number; from?: string } = {},
): Arrival {
  const from = options.from ?? NOTICE_SENDER;
  const since = options.since ?? Number.NEGATIVE_INFINITY;
  const arrived: Arrival['arrived'] = [];
  const missing: Arrival['missing'] = [];
  for (const want of expected) {
    const message = outbox.find(
      (one) =>
        one.patientId === want.patientId &&
        one.to.toLowerCase() === want.to.toLowerCase() &&
        one.from === from &&
        (options.subject === undefined || one.subject === options.subject) &&
        one.time >= since,
    );
    if (message) arrived.push({ ...want, message });
    else missing.push(want);
  }
  return { all: missing.length === 0, arrived, missing };
}
