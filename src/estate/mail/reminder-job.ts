import { localParts } from '../../clock/local-time.ts';
import type { EstateContext } from '../context.ts';
import { MAIL_RELAY_IP, type MailDraft, REMINDER_SENDER } from './mail.ts';
import type { MailMessage, MailState, ReminderAppointment, ReminderConfig } from './types.ts';

/** The job runs once a day at 17:00 clinic time and reminds the appointments 12–36 hours ahead. */
const REMINDER_HOUR = 17;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SERVICE = 'svc-appointment-reminders';
const PORTAL_LINK = 'https://portal.clinic.example.org/portal/appointments';

const DAY_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  month: 'long',
  day: 'numeric',
});

/** "Wednesday, March 4 at 09:30", read from the ISO start's own local date and time. */
function when(start: string): string {
  const [date, time = ''] = start.split('T');
  return `${DAY_FORMAT.format(Date.parse(`${date}T00:00:00Z`))} at ${time.slice(0, 5)}`;
}

function reminderText(appointment: ReminderAppointment, template: ReminderConfig['template']): string {
  const lines = [
    `Hello ${appointment.givenName},`,
    '',
    `This is a reminder of your appointment on ${when(appointment.start)} with ${appointment.practitioner} at Riverside Clinic.`,
  ];
  if (template === 'with-diagnosis') {
    lines.push('', `Reason for visit: ${appointment.reason}`);
    if (appointment.diagnosis) lines.push(`Diagnosis on file: ${appointment.diagnosis}`);
  }
  lines.push(
    '',
    `To confirm, cancel or reschedule, sign in to your patient portal: ${PORTAL_LINK}`,
    '',
    'This message was sent automatically; replies are not read.',
  );
  return lines.join('\n');
}

export interface ReminderRun {
  sent: MailMessage[];
  /** Reminders due but not sent because the job is paused. */
  held: number;
}

/**
 * The daily appointment-reminder job: reads tomorrow's appointments, addresses each reminder from
 * its own recipient list and renders the configured template. It checks the pause before every
 * message, so a pause stops a batch midway.
 */
export function createReminderJob(
  ctx: EstateContext,
  state: MailState,
  deps: {
    timezone: string;
    due: (from: number, to: number) => ReminderAppointment[];
    send: (draft: MailDraft, sender: { from: string; service: string }) => MailMessage;
  },
) {
  return {
    /** The first scheduled run strictly after `time`. */
    nextRunAfter(time: number): number {
      const { hour, minute } = localParts(time, deps.timezone);
      const minutes = (REMINDER_HOUR * 60 - (hour * 60 + minute) + 24 * 60) % (24 * 60);
      const at = time - (time % 60_000) + minutes * 60_000;
      return at > time ? at : at + DAY;
    },
    /** What a run at `time` will remind, in sending order. */
    dueAt(time: number): ReminderAppointment[] {
      return deps.due(time + 12 * HOUR, time + 36 * HOUR);
    },
    run(): ReminderRun {
      const sent: MailMessage[] = [];
      const due = this.dueAt(ctx.clock.now());
      let held = 0;
      for (const appointment of due) {
        const to = state.reminderList.get(appointment.patientId);
        if (to === undefined) continue;
        if (state.config.reminders.paused) {
          held++;
          continue;
        }
        const text = reminderText(appointment, state.config.reminders.template);
        const draft = { to, subject: 'Your appointment reminder', text, patientId: appointment.patientId };
        sent.push(deps.send(draft, { from: REMINDER_SENDER, service: SERVICE }));
      }
      if (held > 0) {
        ctx.bus.emit({
          system: 'mail',
          action: 'mail.reminders.held',
          actor: { id: SERVICE, type: 'service' },
          sourceIp: MAIL_RELAY_IP,
          resource: { type: 'ReminderJob', id: SERVICE },
          patientIds: [],
          fields: [],
          rows: held,
          outcome: 'success',
        });
      }
      return { sent, held };
    },
  };
}
