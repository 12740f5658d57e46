import { formatDuration } from '../clock/duration.ts';
import { CHANGE_TOPIC_POLICY_RETENTION_MS } from '../estate/sync/index.ts';
import { findPhi } from '../synth/find-phi.ts';
import { defineControl } from './define.ts';

const FIVE_MINUTES = 5 * 60_000;
/**
 * Brokers delete on a periodic check (Kafka every 5 minutes by default) and whole segments at a
 * time, so retention is a lower bound: a message a little past the hour is not yet a finding.
 */
const GRACE_MS = 15 * 60_000;

/**
 * Holds the EHR→CRM change topic to the data-retention policy (one hour). On the broker's
 * configuration events it flags a retention longer than the policy;
 * on its scan it looks for messages past the policy whose payload still holds PHI, and purges them
 * (164.310(d)(2)(i) disposal, 164.312(a)(1)).
 */
export const queueRetentionScanner = defineControl({
  id: 'queue-retention-scanner',
  summary:
    'Change-topic messages held past the retention policy with PHI, or retention set beyond it; purges them',
  kind: 'detector',
  reads: ['logs'],
  rules: ['retention-beyond-policy', 'phi-past-retention'],
  covers: ['queue-remnants'],
  scanEveryMs: FIVE_MINUTES,
  start({ estate, raise }) {
    const { topic } = estate.sync;
    let flaggedMessages = false;
    return {
      onEvent(event) {
        if (event.system !== 'sync' || event.action !== 'sync.topic.configure') return;
        const retentionMs = Number(event.detail?.retentionMs);
        if (!(retentionMs > CHANGE_TOPIC_POLICY_RETENTION_MS)) return;
        const keepsAcked = event.detail?.deleteOnAck === false ? ', acknowledged ones included' : '';
        raise({
          rule: 'retention-beyond-policy',
          // Certain over-retention of PHI from this moment: the incident is knowable now, so the
          // breach assessment's clock starts here (164.404(a)(2)), not when the first message lapses.
          severity: 'high',
          summary: `topic ${event.resource.id} set to keep messages ${formatDuration(retentionMs)}${keepsAcked}; policy is ${formatDuration(CHANGE_TOPIC_POLICY_RETENTION_MS)}`,
          patientIds: [],
          evidence: [event.id],
        });
      },
      onScan() {
        const held = topic
          .olderThan(CHANGE_TOPIC_POLICY_RETENTION_MS + GRACE_MS)
          .filter((message) => findPhi(message.payload).length > 0);
        if (held.length === 0) return;
        const patientIds = [...new Set(held.map((message) => message.key))].sort();
        if (!flaggedMessages) {
          flaggedMessages = true;
          raise({
            rule: 'phi-past-retention',
            severity: 'high',
            summary: `${held.length} messages on ${topic.name} hold PHI of ${patientIds.length} patients past the 1h retention policy`,
            patientIds,
            evidence: [],
          });
        }
        topic.purgeOlderThan(CHANGE_TOPIC_POLICY_RETENTION_MS, 'queue-retention-scanner');
      },
    };
  },
});
