/** One outbound message as the outbox keeps it: RFC 5322 header fields plus a plain-text body. */
export interface MailMessage {
  /** Outbox id (`mail-000001`). */
  id: string;
  /** Run-clock time it was handed to the relay. */
  time: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Header fields as sent (From, To, Subject, Date, Message-ID, …). */
  headers: Readonly<Record<string, string>>;
  /** The patient the message is about, as the sending job knows it (never a header). */
  patientId: string;
}

/** What a reminder is built from: an appointment in the EHR and the patient's CRM contact fields. */
export interface ReminderAppointment {
  appointmentId: string;
  patientId: string;
  /** ISO-8601 start with the clinic's offset. */
  start: string;
  practitioner: string;
  givenName: string;
  /** Appointment reason as booked (free text; may name a condition). */
  reason: string;
  /** The CRM's primary diagnosis merge field (`F32.9 Major depressive disorder, …`), if any. */
  diagnosis?: string;
}

/** Where the mail system looks things up; the estate wires it to the EHR and the CRM. */
export interface MailDirectory {
  /** Booked appointments starting in [from, to), soonest first. */
  appointmentsBetween(from: number, to: number): ReminderAppointment[];
  /** The e-mail on the patient's CRM contact record now. */
  currentEmail(patientId: string): string | undefined;
  /** The patient's CRM e-mail as the org's one-off export copied it when the estate was set up. */
  exportedEmail(patientId: string): string | undefined;
}

export interface ReminderConfig {
  /**
   * 'standard' (default): date, time and clinician only. 'with-diagnosis' adds the booked reason and
   * the diagnosis merge field: the leak.
   */
  template: 'standard' | 'with-diagnosis';
  /** Containment: while paused the job sends nothing and holds what is due. */
  paused: boolean;
}

export interface MailState {
  /** Every message sent, oldest first. */
  readonly outbox: MailMessage[];
  /**
   * The reminder job's own recipient list (patient id → address), copied from the CRM once. Nothing
   * refreshes it: when a patient's CRM e-mail changes, reminders keep going to the old address.
   */
  readonly reminderList: { get(patientId: string): string | undefined };
  config: { reminders: ReminderConfig };
  message(id: string): MailMessage | undefined;
}
