import { workstationIp } from '../../synth/identifiers.ts';
import type { EstateContext } from '../context.ts';
import type { MailDirectory, MailMessage, MailState } from './types.ts';

/** The internal relay every automated message leaves through. */
export const MAIL_RELAY_IP = workstationIp(400);
export const REMINDER_SENDER = 'Riverside Clinic <no-reply@clinic.example.org>';
const MAIL_DOMAIN = 'clinic.example.org';

export interface MailDraft {
  to: string;
  subject: string;
  text: string;
  patientId: string;
}

/** RFC 5322 date-time (`Tue, 03 Mar 2026 22:00:00 +0000`). */
function rfc5322Date(time: number): string {
  return new Date(time).toUTCString().replace(/GMT$/, '+0000');
}

/**
 * The estate's outbound mail: an outbox of RFC 5322-shaped messages, each reported to telemetry as a
 * mail gateway logs it (sender, recipient, subject, Message-ID; the body stays in the outbox).
 */
export function createOutbox(ctx: EstateContext, directory: MailDirectory) {
  const byId = new Map<string, MailMessage>();
  const state: MailState = {
    outbox: [],
    reminderList: { get: (patientId) => directory.exportedEmail(patientId) },
    config: { reminders: { template: 'standard', paused: false } },
    message: (id) => byId.get(id),
  };

  function send(draft: MailDraft, sender: { from: string; service: string }): MailMessage {
    const id = ctx.nextId('mail');
    const time = ctx.clock.now();
    const messageId = `<${id}.${ctx.seed}@${MAIL_DOMAIN}>`;
    const message: MailMessage = {
      id,
      time,
      from: sender.from,
      to: draft.to,
      subject: draft.subject,
      text: draft.text,
      headers: {
        From: sender.from,
        To: draft.to,
        Subject: draft.subject,
        Date: rfc5322Date(time),
        'Message-ID': messageId,
        'MIME-Version': '1.0',
        'Content-Type': 'text/plain; charset=utf-8',
        // RFC 3834: marks machine-sent mail so auto-responders do not answer it.
        'Auto-Submitted': 'auto-generated',
      },
      patientId: draft.patientId,
    };
    state.outbox.push(message);
    byId.set(id, message);
    ctx.bus.emit({
      system: 'mail',
      action: 'mail.send',
      actor: { id: sender.service, type: 'service' },
      sourceIp: MAIL_RELAY_IP,
      resource: { type: 'EmailMessage', id },
      patientIds: [draft.patientId],
      fields: [],
      outcome: 'success',
      detail: { from: sender.from, to: draft.to, subject: draft.subject, messageId },
    });
    return message;
  }

  return { state, send };
}
