import { EDGE_HOST_IP, isWeakProtocol, MINIMUM_SAFE_TLS } from '../estate/integration/edge-tls.ts';
import { detailString } from '../telemetry/encoders/event-facts.ts';
import { defineControl } from './define.ts';

const SCAN_EVERY_MS = 15 * 60_000;
const ME = 'transport-policy-monitor';

/**
 * Holds integration links to TLS 1.2 or newer (164.312(e)(1), (e)(2)(ii); SP 800-52r2 via HHS
 * guidance 74 FR 19006): from the edge's access log (`ssl_protocol`, `ssl_cipher`), a request that
 * carried a patient's record over TLS 1.0/1.1 or plain HTTP raises at once and the monitor sets the
 * edge's minimum back to TLS 1.2; a pass over the edge's configuration every 15 minutes reports a
 * policy that would accept such a handshake, before any PHI crosses it. Refused handshakes and
 * TLS 1.2+ traffic are the policy working and stay quiet.
 */
export const transportPolicyMonitor = defineControl({
  id: ME,
  summary:
    'PHI over TLS < 1.2 or plain HTTP at the integration edge; weak protocols enabled; enforces TLS 1.2+',
  kind: 'detector',
  reads: ['logs'],
  rules: ['phi-over-weak-tls', 'weak-protocols-enabled'],
  covers: ['weak-tls-integration'],
  scanEveryMs: SCAN_EVERY_MS,
  start({ estate, raise }) {
    const { edge } = estate.integration;
    const flagged = new Set<string>();
    return {
      onEvent(event) {
        const protocol = detailString(event, 'sslProtocol');
        if (event.system !== 'integration' || event.outcome === 'denied' || protocol === undefined) return;
        if (!isWeakProtocol(protocol) || event.patientIds.length === 0) return;
        const key = `${detailString(event, 'partner') ?? event.sourceIp}:${protocol}`;
        if (!flagged.has(key)) {
          flagged.add(key);
          const link = protocol === '-' ? 'plain HTTP' : `${protocol} (${detailString(event, 'sslCipher')})`;
          raise({
            rule: 'phi-over-weak-tls',
            severity: 'critical',
            summary: `patient record sent to ${event.uri} over ${link} from ${event.sourceIp}`,
            patientIds: event.patientIds,
            evidence: [event.id],
            ...(event.correlationId ? { correlationId: event.correlationId } : {}),
          });
        }
        if (edge.weak()) edge.enforce(MINIMUM_SAFE_TLS, ME);
      },
      onScan() {
        if (!edge.weak()) {
          flagged.delete('policy');
          return;
        }
        if (flagged.has('policy')) return;
        flagged.add('policy');
        const { sslProtocols, plainHttp } = edge.config;
        raise({
          rule: 'weak-protocols-enabled',
          // High: a PHI endpoint that accepts such a handshake is an incident to open, not a chore.
          severity: 'high',
          summary: `integration edge ${EDGE_HOST_IP} accepts ssl_protocols ${sslProtocols.join(' ')}${plainHttp ? ' and plain HTTP' : ''}`,
          patientIds: [],
          evidence: [],
        });
      },
    };
  },
});
