import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { defineInjector } from './define.ts';

/**
 * The CRM starts failing mid-batch during a bulk re-sync. The integration retries, logs each failed
 * record in full, keeps the plaintext staging rows, and finally dead-letters the payloads: PHI is now
 * at rest in three places nobody reviews.
 */
export const syncFailure = defineInjector({
  id: 'sync-failure',
  summary:
    'CRM fails mid-batch; the sync job strands full patient payloads in its dead-letter queue, staging table and error log',
  attack: ['T1565'],
  hipaa: ['164.312(a)(2)(iv)', '164.312(c)(1)', '164.308(a)(1)(ii)(D)'],
  dossier: {
    dossier: 'legal-consequences',
    failure: 'Real-time sync processes creating PHI exposure during transmission failures',
  },
  detection: 'PHI at rest in the integration’s dead-letter queue, plaintext staging rows or error log',
  params: z.strictObject({
    patients: z.int().min(1).max(5000).default(60).describe('Patient changes in the re-sync burst'),
    failAfter: z.int().min(0).default(10).describe('Upserts the CRM accepts before it starts failing'),
    outage: z
      .string()
      .refine((text) => parseDuration(text) !== undefined, 'a duration like 30m')
      .default('30m')
      .describe('How long the CRM keeps failing writes'),
  }),
  conditions: ['residue-purged'],
  async apply({ estate, exposed, later }, params) {
    const { sync } = estate;
    const saved = { ...sync.state.config };
    sync.state.config.logPayloads = true;
    estate.crm.state.faults.set({
      failWritesAfter: params.failAfter,
      status: 503,
      errorCode: 'SERVER_UNAVAILABLE',
    });
    const changed = estate.resyncBurst(params.patients);
    exposed(changed.slice(params.failAfter));
    later(parseDuration(params.outage)!, 'sync-failure: CRM recovers', () => estate.crm.state.faults.clear());
    let residueSeen = false;
    // A message still being retried will strand its payload again, so it counts as residue too.
    const residue = () =>
      sync.state.queue.some((message) => message.attempts > 0) ||
      sync.state.deadLetter.length > 0 ||
      [...sync.state.staging.values()].some((row) => !row.encrypted) ||
      sync.state.errorLog.some((line) => line.payload !== undefined);
    return {
      probes: {
        'residue-purged': () => {
          if (residue()) {
            residueSeen = true;
            return false;
          }
          return residueSeen;
        },
      },
      revert() {
        estate.crm.state.faults.clear();
        sync.state.config = saved;
      },
    };
  },
});
