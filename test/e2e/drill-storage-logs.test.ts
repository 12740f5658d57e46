import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryModel } from '../../src/telemetry/delivery/model.ts';
import { DEFAULT_MONITORING } from '../../src/telemetry/delivery/monitoring.ts';
import { drill } from '../integration/drill-harness.ts';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(dirname(folder), { recursive: true, force: true });
});

/**
 * The public-bucket scenario's download audit within 15 minutes needs object-level data events; from
 * S3 server access logs the same records arrive hours later, each when the delivery model says.
 */
describe('report-export-open-storage / audit-downloads under S3 server access logs', () => {
  it('is met with data events and late with server access logs, at the slowest record’s delivery', async () => {
    const first = await drill('report-export-open-storage');
    folders.push(first.folder);
    const reference = first.report.verdicts.find((v) => v.expectationId === 'audit-downloads')!;
    expect(reference.status, reference.reason).toBe('met');
    expect(reference.delivery?.source).toBe('storage-data-events');

    const slower = { ...DEFAULT_MONITORING, storageLogs: 'server-access' as const };
    const { report, scenario, folder } = await drill('report-export-open-storage', { monitoring: slower });
    folders.push(folder);
    const verdict = report.verdicts.find((v) => v.expectationId === 'audit-downloads')!;
    expect(verdict.status, verdict.reason).toBe('late');
    expect(verdict.delivery?.source).toBe('storage-server-access-log');
    const model = new DeliveryModel(slower, scenario.estate.seed);
    const deliveries = verdict.evidence.map((id) =>
      model.deliveredAt(
        'storage-server-access-log',
        verdict.delivery!.occurredAt,
        id.replace(/^storage-access:/, ''),
      ),
    );
    expect(deliveries).toContain(verdict.delivery!.deliveredAt);
    expect(verdict.observedAt).toBe(verdict.delivery!.deliveredAt);
    expect(verdict.reason).toContain('(storage-server-access-log)');
  });
});
