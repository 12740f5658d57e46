import { isBusinessHours } from '../clock/local-time.ts';
import { defineControl } from './define.ts';

const BROAD_SCOPES = new Set(['full', 'refresh_token', 'offline_access']);
const BULK_ROWS = 200;

/**
 * Two rules on Salesforce OAuth and API telemetry (DOMAIN.md §4, §7): a third-party connected app
 * granted `full` or a refresh token (minimum necessary, 164.502(b)), and a bulk read by an
 * integration identity outside clinic hours. Responds by revoking the app's tokens.
 */
export const oauthScopeAnomaly = defineControl({
  id: 'oauth-scope-anomaly',
  summary:
    'Third-party connected app granted full/refresh scopes, or pulling patient rows off-hours; revokes its tokens',
  kind: 'detector',
  reads: ['crm'],
  rules: ['third-party-full-scope', 'off-hours-bulk-pull'],
  covers: ['oauth-overscope'],
  start({ estate, raise }) {
    const flagged = new Set<string>();
    const contain = (clientApp: string) => estate.crmRevokeApp(clientApp, 'oauth-scope-anomaly');
    return {
      onEvent(event) {
        if (event.system !== 'crm' || !event.clientApp || event.outcome !== 'success') return;
        const thirdParty = estate.crmIsThirdPartyApp(event.clientApp);
        const broad = (event.scopes ?? []).filter((scope) => BROAD_SCOPES.has(scope));
        if (thirdParty && broad.length > 0 && !flagged.has(`scope:${event.clientApp}`)) {
          flagged.add(`scope:${event.clientApp}`);
          raise({
            rule: 'third-party-full-scope',
            severity: 'high',
            summary: `third-party app "${event.clientApp}" holds ${broad.join(' ')} on ${event.actor.name ?? event.actor.id}`,
            patientIds: event.patientIds,
            evidence: [event.id],
            correlationId: event.correlationId,
          });
          contain(event.clientApp);
        }
        const integration = thirdParty || event.actor.type === 'integration';
        if (event.action !== 'sf.query' || !integration || (event.rows ?? 0) < BULK_ROWS) return;
        if (isBusinessHours(event.time, estate.timezone) || flagged.has(`bulk:${event.clientApp}`)) return;
        flagged.add(`bulk:${event.clientApp}`);
        raise({
          rule: 'off-hours-bulk-pull',
          severity: 'high',
          summary: `"${event.clientApp}" read ${event.rows} ${event.resource.type} rows off-hours from ${event.sourceIp}`,
          patientIds: event.patientIds,
          evidence: [event.id],
          correlationId: event.correlationId,
        });
        contain(event.clientApp);
      },
    };
  },
});
