import type { Agenda } from '../../clock/agenda.ts';
import type { Estate } from '../estate.ts';

/** The reminder job's daily runs between `from` and `until`; a scheduled job, so it runs at every traffic level. */
export function scheduleReminders(estate: Estate, agenda: Agenda, from: number, until: number): void {
  const { reminders } = estate.mail;
  const run = (at: number) => {
    if (at >= until) return;
    agenda.at(at, 'background: appointment reminders', () => {
      reminders.run();
      run(reminders.nextRunAfter(at));
    });
  };
  run(reminders.nextRunAfter(from));
}
