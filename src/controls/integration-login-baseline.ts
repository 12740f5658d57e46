import { isBusinessHours, localParts } from '../clock/local-time.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { defineControl } from './define.ts';

/** How long the control learns before it judges: the catalog's steady state. */
export const BASELINE_MS = 24 * 3_600_000;
const PLAYBOOK_EVERY_MS = 5 * 60_000;

interface Baseline {
  ips: Set<string>;
  apps: Set<string>;
}

/** A successful OAuth login by an integration user, as the Login event type records it. */
function integrationLogin(event: TelemetryEvent): boolean {
  return (
    event.system === 'crm' &&
    event.action === 'oauth.token' &&
    event.outcome === 'success' &&
    event.actor.type === 'integration'
  );
}

/**
 * Learns, per integration user, the source addresses and connected apps its OAuth logins come from
 * (Login `CLIENT_IP`, `CONNECTED_APP_ID`; DOMAIN.md §7 "new IP or new app"), then flags a login from
 * a source outside that baseline: high, critical outside clinic hours. Logins, not API calls: a
 * token stolen and replayed elsewhere is session hijacking, another control's rule. The containment
 * playbook runs on the next 5-minute scan, as a SOAR job would: it revokes the user's sessions and
 * gives the connected app a new secret (the leaked one stops working; the org's vault gets the new).
 */
export const integrationLoginBaseline = defineControl({
  id: 'integration-login-baseline',
  summary:
    'Integration-user OAuth login from a source address or app outside its learned baseline; revokes sessions, rotates the app secret',
  kind: 'detector',
  reads: ['crm'],
  rules: ['first-seen-source'],
  covers: ['hardcoded-credentials'],
  scanEveryMs: PLAYBOOK_EVERY_MS,
  start({ estate, clock, raise }) {
    const learnUntil = clock.now() + BASELINE_MS;
    const baselines = new Map<string, Baseline>();
    const flagged = new Set<string>();
    const playbook: Array<{ userId: string; app?: string }> = [];
    return {
      onEvent(event) {
        if (!integrationLogin(event)) return;
        const known = baselines.get(event.actor.id) ?? { ips: new Set<string>(), apps: new Set<string>() };
        baselines.set(event.actor.id, known);
        const app = event.clientApp ?? 'no connected app';
        if (event.time < learnUntil) {
          known.ips.add(event.sourceIp);
          known.apps.add(app);
          return;
        }
        const newIp = !known.ips.has(event.sourceIp);
        const newApp = !known.apps.has(app);
        const key = `${event.actor.id}|${event.sourceIp}|${app}`;
        if ((!newIp && !newApp) || flagged.has(key)) return;
        flagged.add(key);
        const offHours = !isBusinessHours(event.time, estate.timezone);
        const { hour, minute } = localParts(event.time, estate.timezone);
        const what = [newIp ? `address ${event.sourceIp}` : '', newApp ? `app "${app}"` : ''].filter(Boolean);
        raise({
          rule: 'first-seen-source',
          severity: offHours ? 'critical' : 'high',
          summary: `${event.actor.name ?? event.actor.id} logged in (${event.detail?.grantType ?? 'oauth'}) from never-seen ${what.join(' and ')} at ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} local${offHours ? ', outside clinic hours' : ''}; baseline: ${[...known.ips].join(', ') || 'no logins'}`,
          patientIds: [],
          evidence: [event.id],
          ...(event.correlationId ? { correlationId: event.correlationId } : {}),
        });
        playbook.push({ userId: event.actor.id, ...(event.clientApp ? { app: event.clientApp } : {}) });
      },
      onScan() {
        for (const step of playbook.splice(0)) {
          estate.crmRevokeUserSessions(step.userId, 'integration-login-baseline');
          if (step.app) estate.crmRotateAppSecret(step.app, 'integration-login-baseline');
        }
      },
    };
  },
});
