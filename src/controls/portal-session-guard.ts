import { PORTAL_IDLE_TIMEOUT_MS } from '../estate/portal/types.ts';
import { defineControl } from './define.ts';

interface Seen {
  lastAt: number;
  loggedOutAt?: number;
  flagged: boolean;
}

/**
 * Watches portal sessions in the access telemetry: any use of a session after its logout, or after
 * longer idle than the automatic-logoff period (164.312(a)(2)(iii)), is reuse. Responds by ending
 * the session on the server.
 */
export const portalSessionGuard = defineControl({
  id: 'portal-session-guard',
  summary: 'Portal session used after logout or past the idle timeout; terminates it',
  kind: 'detector',
  reads: ['logs'],
  rules: ['reuse-after-logout', 'reuse-after-idle'],
  covers: ['portal-session-reuse'],
  start({ estate, raise }) {
    const sessions = new Map<string, Seen>();
    return {
      onEvent(event) {
        if (event.system !== 'portal' || !event.session) return;
        const seen = sessions.get(event.session) ?? { lastAt: event.time, flagged: false };
        sessions.set(event.session, seen);
        if (event.action === 'portal.logout') {
          seen.loggedOutAt = event.time;
          return;
        }
        if (event.action !== 'portal.view' || event.outcome !== 'success') return;
        const idle = event.time - seen.lastAt;
        const rule =
          seen.loggedOutAt !== undefined
            ? 'reuse-after-logout'
            : idle > PORTAL_IDLE_TIMEOUT_MS
              ? 'reuse-after-idle'
              : undefined;
        seen.lastAt = event.time;
        if (!rule || seen.flagged) return;
        seen.flagged = true;
        raise({
          rule,
          severity: 'high',
          summary:
            rule === 'reuse-after-logout'
              ? `portal session ${event.session} used after logout from ${event.sourceIp}`
              : `portal session ${event.session} used after ${Math.round(idle / 60_000)} min idle from ${event.sourceIp}`,
          patientIds: event.patientIds,
          evidence: [event.id],
          correlationId: event.correlationId,
        });
        estate.portal.state.terminate(event.session, 'portal-session-guard');
      },
    };
  },
});
