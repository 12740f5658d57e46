import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/run/verdict.ts';
import { DeliveryModel } from '../../src/telemetry/delivery/model.ts';
import { DEFAULT_MONITORING, type Monitoring } from '../../src/telemetry/delivery/monitoring.ts';
import { deliverySource } from '../../src/telemetry/delivery/sources.data.ts';
import { drill } from '../integration/drill-harness.ts';

/**
 * The same catalog scenario under the reference organisation's monitoring and under a slower
 * pipeline: the window is met with the first, and late (or missed) with the second, exactly when
 * the delivery model says the source publishes the record.
 */
const CASES: Array<{ scenario: string; expectation: string; monitoring: Partial<Monitoring> }> = [
  { scenario: 'fls-overexposure', expectation: 'detect-unentitled-read', monitoring: { crm: 'elf-hourly' } },
  { scenario: 'fls-overexposure', expectation: 'audit-field-reads', monitoring: { crm: 'elf-hourly' } },
  {
    scenario: 'report-export-open-storage',
    expectation: 'detect-bulk-export',
    monitoring: { crm: 'elf-daily' },
  },
  {
    scenario: 'break-glass-no-mfa',
    expectation: 'detect-unverified-override',
    monitoring: { ehrAudit: 'nightly' },
  },
  { scenario: 'portal-session-reuse', expectation: 'detect-reuse', monitoring: { logs: 'daily-batch' } },
];

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(dirname(folder), { recursive: true, force: true });
});

function verdictOf(report: { verdicts: Verdict[] }, id: string): Verdict {
  const verdict = report.verdicts.find((v) => v.expectationId === id);
  if (!verdict)
    throw new Error(`no verdict ${id}; have ${report.verdicts.map((v) => v.expectationId).join(', ')}`);
  return verdict;
}

describe.each(CASES)(
  '$scenario / $expectation under $monitoring',
  ({ scenario, expectation, monitoring }) => {
    it('is met with the reference monitoring and late under the slower pipeline, at the predicted time', async () => {
      const first = await drill(scenario);
      folders.push(first.folder);
      const reference = verdictOf(first.report, expectation);
      expect(reference.status, reference.reason).toBe('met');
      expect(reference.latencyMs).toBeGreaterThan(0);

      const slower = { ...DEFAULT_MONITORING, ...monitoring };
      const { report, scenario: parsed, folder } = await drill(scenario, { monitoring: slower });
      folders.push(folder);
      const verdict = verdictOf(report, expectation);
      expect(verdict.status, verdict.reason).toBe('late');
      const delivery = verdict.delivery!;
      expect(delivery, verdict.reason).toBeDefined();
      const model = new DeliveryModel(slower, parsed.estate.seed);
      const { latency } = deliverySource(delivery.source);
      expect(latency.kind).toBe('file');
      // File sources publish every record of an interval at once: the model's time for that interval.
      const predicted = model.publishedAt(
        delivery.source,
        model.bucketOf(delivery.source, delivery.occurredAt),
      );
      expect(delivery.deliveredAt).toBe(predicted);
      expect(verdict.observedAt).toBe(predicted);
      expect(verdict.latencyMs).toBe(predicted - verdict.injectedAt);
      expect(verdict.reason).toMatch(/generated \d\d:\d\dZ, published \d\d:\d\dZ/);
    });
  },
);
