import type { EstateContext } from '../context.ts';
import { createOutbox, MAIL_RELAY_IP, type MailDraft } from './mail.ts';
import { createReminderJob } from './reminder-job.ts';
import type { MailDirectory, MailMessage, MailState } from './types.ts';

export { mailDirectory } from './directory.ts';
export type { MailDraft } from './mail.ts';
export type { ReminderRun } from './reminder-job.ts';
export type { MailDirectory, MailMessage, MailState, ReminderAppointment } from './types.ts';

export interface Mail {
  readonly state: MailState;
  readonly reminders: ReturnType<typeof createReminderJob>;
  /** The e-mail on the patient's CRM contact record now (what a recipient should be checked against). */
  currentContactEmail(patientId: string): string | undefined;
  /** Containment: stops reminders until resumed; returns whether they were running. */
  pauseReminders(by: string): boolean;
  /** Sends one message through the outbox as `sender` (breach notices, for instance). */
  send(draft: MailDraft, sender: { from: string; service: string }): MailMessage;
}

/** Outbound mail of the organisation and the appointment-reminder job that uses it. */
export function createMail(ctx: EstateContext, directory: MailDirectory, timezone: string): Mail {
  const outbox = createOutbox(ctx, directory);
  const { state } = outbox;
  const reminders = createReminderJob(ctx, state, {
    timezone,
    due: (from, to) => directory.appointmentsBetween(from, to),
    send: outbox.send,
  });
  return {
    state,
    reminders,
    currentContactEmail: (patientId) => directory.currentEmail(patientId),
    send: outbox.send,
    pauseReminders(by) {
      const running = !state.config.reminders.paused;
      state.config.reminders.paused = true;
      ctx.bus.emit({
        system: 'mail',
        action: 'mail.reminders.pause',
        actor: { id: by, type: 'responder', name: by },
        sourceIp: MAIL_RELAY_IP,
        resource: { type: 'ReminderJob', id: 'svc-appointment-reminders' },
        patientIds: [],
        fields: [],
        outcome: running ? 'success' : 'failure',
      });
      return running;
    },
  };
}
