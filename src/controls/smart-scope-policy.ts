import { revokeClientGrants } from '../estate/ehr/refresh.ts';
import { defineControl } from './define.ts';
import { SMART_APP_POLICY, type SmartAppPolicy, scopeFindings } from './smart-app-policy.ts';

const HOUR_MS = 3_600_000;

/**
 * Holds the EHR's SMART apps to the scopes the organisation approved them for (minimum necessary,
 * 164.502(b)). At authorisation it parses the granted scopes against the app's policy and raises
 * what exceeds it. A violating grant is raised but left standing: an app update that asks for more
 * is often a vendor mistake the app owner fixes, and cutting a clinical app off unseen breaks it.
 * Reading past the app's hourly row budget is misuse in progress, so that revokes every access and
 * refresh token the app holds.
 */
export const smartScopePolicy = defineControl({
  id: 'smart-scope-policy',
  summary:
    'SMART app granted scopes beyond its approved policy, or reading in bulk; revokes its access and refresh tokens',
  kind: 'detector',
  reads: ['ehr'],
  inline: true,
  rules: ['scope-policy-violation', 'bulk-read-by-app'],
  covers: ['overscoped-smart-app'],
  start({ estate, clock, raise }) {
    const flagged = new Set<string>();
    const usage = new Map<string, { hour: number; rows: number; patients: Set<string> }>();
    const policyOf = (clientId: string): [string, SmartAppPolicy] | undefined => {
      const name = estate.ehr.state.clients.get(clientId)?.name;
      const policy = name === undefined ? undefined : SMART_APP_POLICY[name];
      return name !== undefined && policy ? [name, policy] : undefined;
    };
    return {
      onEvent(event) {
        if (event.system !== 'ehr' || !event.clientApp || event.outcome !== 'success') return;
        const known = policyOf(event.clientApp);
        if (!known) return;
        const [name, policy] = known;
        if (event.action === 'fhir.token') {
          const findings = scopeFindings(event.scopes ?? [], policy);
          if (findings.length === 0 || flagged.has(`grant:${event.clientApp}`)) return;
          flagged.add(`grant:${event.clientApp}`);
          raise({
            rule: 'scope-policy-violation',
            severity: 'high',
            summary: `"${name}" granted ${(event.scopes ?? []).join(' ')}, approved only ${policy.approved.join(' ')}: ${findings.join('; ')}`,
            patientIds: [],
            evidence: [event.id],
            correlationId: event.correlationId,
          });
          return;
        }
        if (event.action !== 'fhir.read' && event.action !== 'fhir.search') return;
        const hour = Math.floor(event.time / HOUR_MS);
        const seen = usage.get(event.clientApp);
        const window = seen?.hour === hour ? seen : { hour, rows: 0, patients: new Set<string>() };
        usage.set(event.clientApp, window);
        window.rows += event.rows ?? 0;
        for (const id of event.patientIds) window.patients.add(id);
        if (window.rows <= policy.rowsPerHour || flagged.has(`bulk:${event.clientApp}:${hour}`)) return;
        flagged.add(`bulk:${event.clientApp}:${hour}`);
        raise({
          rule: 'bulk-read-by-app',
          severity: 'high',
          summary: `"${name}" read ${window.rows} rows (${window.patients.size} patients) this hour from ${event.sourceIp}; its budget is ${policy.rowsPerHour}`,
          patientIds: [...window.patients],
          evidence: [event.id],
          correlationId: event.correlationId,
        });
        revokeClientGrants(estate.ehr.state, event.clientApp, clock.now());
      },
    };
  },
});
