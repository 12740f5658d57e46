import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { CHANGE_TOPIC_POLICY_RETENTION_MS } from '../estate/sync/index.ts';
import { findPhi } from '../synth/find-phi.ts';
import { defineInjector } from './define.ts';

/**
 * During a broker migration the change topic between the EHR and the sync job is recreated with the
 * platform defaults: log semantics (acknowledged messages stay) and a 30-day retention instead of
 * the one hour the data-retention policy allows. Every patient change now sits on the broker in
 * plaintext for a month, readable by anyone with consumer rights on the topic.
 */
export const queueRemnants = defineInjector({
  id: 'queue-remnants',
  summary:
    'Change topic between EHR and sync job keeps acknowledged patient payloads for 30 days instead of the 1-hour policy',
  attack: ['T1530'],
  hipaa: ['164.310(d)(2)(i)', '164.312(a)(1)', '164.312(a)(2)(iv)', '164.308(a)(1)(ii)(D)'],
  dossier: {
    dossier: 'lawsuit-preparation',
    failure: 'Real-time data syncs between EHR and Salesforce creating PHI remnants in intermediate queues',
  },
  detection:
    'Broker retention changed beyond policy; messages older than the policy retention still hold PHI',
  params: z.strictObject({
    retention: z
      .string()
      .refine((text) => parseDuration(text) !== undefined, 'a duration like 30d')
      .default('30d')
      .describe('Retention the topic is recreated with'),
    deleteOnAck: z.boolean().default(false).describe('Whether acknowledged messages are still deleted'),
    patients: z
      .int()
      .min(0)
      .max(5000)
      .default(40)
      .describe('Patients re-published onto the topic by the migration’s replay'),
  }),
  conditions: ['queue-purged'],
  async apply({ estate, exposed, later }, params) {
    const { topic } = estate.sync;
    const restore = topic.configure(
      { retentionMs: parseDuration(params.retention)!, deleteOnAck: params.deleteOnAck },
      'broker-admin',
    );
    estate.resyncBurst(params.patients);
    // Whoever is still on the topic once the policy's hour is up has PHI held past its retention.
    later(CHANGE_TOPIC_POLICY_RETENTION_MS + 60_000, 'queue-remnants: retention policy lapses', () => {
      exposed(topic.olderThan(CHANGE_TOPIC_POLICY_RETENTION_MS).map((message) => message.key));
    });
    let remnantsSeen = false;
    const remnants = () =>
      topic
        .olderThan(CHANGE_TOPIC_POLICY_RETENTION_MS)
        .some((message) => findPhi(message.payload).length > 0);
    return {
      probes: {
        'queue-purged': () => {
          if (remnants()) {
            remnantsSeen = true;
            return false;
          }
          return remnantsSeen;
        },
      },
      revert: restore,
    };
  },
});
