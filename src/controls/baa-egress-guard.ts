import { coveredBy } from '../estate/egress/business-associates.ts';
import { detailString } from '../telemetry/encoders/event-facts.ts';
import { defineControl } from './define.ts';

const ME = 'baa-egress-guard';

/**
 * Holds outbound PHI to business associates (164.502(e), 164.308(b)(1), 164.504(e)): every request
 * the outbound gateway logs whose DLP engine matched identifiers in the body is checked against the
 * organisation's BAA register (the scenario's `estate.businessAssociates`), on the day it was sent. A
 * host with no agreement in force gets a critical signal and is blocked at the gateway at once. PHI to
 * a covered vendor, and counts without identifiers to any host, are ordinary traffic.
 */
export const baaEgressGuard = defineControl({
  id: ME,
  summary: 'PHI in an outbound request to a host with no BAA in force; blocks the host at the egress gateway',
  kind: 'detector',
  reads: ['logs'],
  rules: ['phi-to-vendor-without-baa'],
  covers: ['vendor-without-baa'],
  start({ estate, raise }) {
    const { egress } = estate;
    const flagged = new Set<string>();
    return {
      onEvent(event) {
        if (event.system !== 'integration' || event.action !== 'egress.request') return;
        if (event.outcome !== 'success') return;
        const host = detailString(event, 'destHost');
        const identifiers = detailString(event, 'dlpIdentifiers') ?? '';
        if (!host || identifiers === '' || coveredBy(egress.register, host, event.time)) return;
        if (!flagged.has(host)) {
          flagged.add(host);
          const lapsed = egress.register.find((entry) => entry.host === host);
          raise({
            rule: 'phi-to-vendor-without-baa',
            severity: 'critical',
            summary: `${identifiers} sent to ${host} via ${detailString(event, 'namedCredential')}: ${
              lapsed ? `BAA with ${lapsed.vendor} not in force` : 'no BAA on file'
            }`,
            patientIds: event.patientIds,
            evidence: [event.id],
            ...(event.correlationId ? { correlationId: event.correlationId } : {}),
          });
        }
        if (!egress.blocked.has(host)) egress.block(host, ME);
      },
    };
  },
});
