import { PORTAL_IDLE_TIMEOUT_MS } from '../estate/portal/types.ts';
import { defineControl } from './define.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * Audits the portal's session store on the real Redis server: a session the patient logged out of
 * that the server never ended, or one idle past the automatic-logoff period and still live
 * (164.312(a)(2)(iii)). Times are fields written on the drill's clock, not server TTLs, so the
 * audit judges the same on a virtual clock. Idle on the in-memory provider.
 */
export const sessionStoreAuditor = defineControl({
  id: 'session-store-auditor',
  summary: 'Portal sessions live in the session store after logout or past the idle timeout (Redis audit)',
  kind: 'detector',
  rules: ['session-live-after-logout', 'session-live-past-idle'],
  covers: ['portal-session-reuse'],
  scanEveryMs: FIVE_MINUTES,
  start({ infra, clock, raise }) {
    const flagged = new Set<string>();
    return {
      async onScan() {
        if (!infra) return;
        const now = clock.now();
        for (const session of await infra.sessions()) {
          if (session.endedAt !== undefined || !session.id || flagged.has(session.id)) continue;
          const rule =
            session.loggedOutAt !== undefined
              ? 'session-live-after-logout'
              : now - Number(session.lastSeenAt) > PORTAL_IDLE_TIMEOUT_MS
                ? 'session-live-past-idle'
                : undefined;
          if (!rule) continue;
          flagged.add(session.id);
          raise({
            rule,
            severity: 'high',
            summary:
              rule === 'session-live-after-logout'
                ? `portal session ${session.id.slice(0, 8)} is still live in the session store after logout`
                : `portal session ${session.id.slice(0, 8)} is still live after ${Math.round((now - Number(session.lastSeenAt)) / 60_000)} min idle`,
            patientIds: session.patientId ? [session.patientId] : [],
            evidence: [],
          });
        }
      },
    };
  },
});
