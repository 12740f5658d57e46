import { defineControl } from './define.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * Audits the portal's session store on the real Redis server for a session still live after its
 * logout that was used again: the store shows `lastSeenAt` after `loggedOutAt` and no `endedAt`
 * (164.312(a)(2)(iii), 164.312(d)). Times are fields written on the drill's clock, not server TTLs,
 * so the audit judges the same on a virtual clock. Reads only; idle on the in-memory provider.
 */
export const sessionStoreAuditor = defineControl({
  id: 'session-store-auditor',
  summary: 'Portal session in the session store used again after logout and never ended (Redis audit)',
  kind: 'detector',
  rules: ['session-reused-after-logout'],
  covers: ['portal-session-reuse'],
  scanEveryMs: FIVE_MINUTES,
  start({ infra, raise }) {
    const flagged = new Set<string>();
    return {
      async onScan() {
        if (!infra) return;
        for (const session of await infra.sessions()) {
          if (session.endedAt !== undefined || !session.id || flagged.has(session.id)) continue;
          const loggedOutAt = Number(session.loggedOutAt);
          const lastSeenAt = Number(session.lastSeenAt);
          if (!(lastSeenAt > loggedOutAt)) continue;
          flagged.add(session.id);
          raise({
            rule: 'session-reused-after-logout',
            severity: 'high',
            summary: `portal session ${session.id.slice(0, 8)} was used ${Math.round((lastSeenAt - loggedOutAt) / 60_000)} min after logout and is still live in the session store`,
            patientIds: session.patientId ? [session.patientId] : [],
            evidence: [],
          });
        }
      },
    };
  },
});
