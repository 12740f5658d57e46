import { http, type RequestHandler } from 'msw';
import { administratorOf } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import type { Mail } from './mail/index.ts';
import { jsonResponse } from './string-response.ts';

export const MAIL_ADMIN_PATH = '/mail/admin';

/**
 * The mail platform's job console, as a SOAR calls it: `POST /mail/admin/reminders/pause` stops the
 * appointment-reminder job before its next run. It goes through the job's own pause, so the
 * `mail.reminders.pause` event names the administrator whoever acts.
 */
export function mailAdminHandlers(mail: Mail, crm: CrmState): RequestHandler[] {
  return [
    http.post(`*${MAIL_ADMIN_PATH}/reminders/pause`, ({ request }) => {
      const admin = administratorOf(request, crm, 'pausing the reminder job');
      if (typeof admin !== 'string') return admin;
      const wasRunning = mail.pauseReminders(admin);
      return jsonResponse({ paused: mail.state.config.reminders.paused, wasRunning });
    }),
  ];
}
