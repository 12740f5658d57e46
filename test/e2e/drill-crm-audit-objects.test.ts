import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryModel } from '../../src/telemetry/delivery/model.ts';
import { DEFAULT_MONITORING, type Monitoring } from '../../src/telemetry/delivery/monitoring.ts';
import { drill } from '../integration/drill-harness.ts';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(dirname(folder), { recursive: true, force: true });
});

async function firstSeenSource(monitoring: Monitoring) {
  const { report, scenario, folder } = await drill('hardcoded-credentials', { monitoring });
  folders.push(folder);
  const verdict = report.verdicts.find((v) => v.expectationId === 'detect-first-seen-source')!;
  return { verdict, model: new DeliveryModel(monitoring, scenario.estate.seed) };
}

/**
 * Without real-time streams the leaked credentials' logins reach the login baseline from
 * LoginHistory at the collector's next poll; without that poll, only from the hourly Login file.
 */
describe('hardcoded-credentials / detect-first-seen-source without RTEM', () => {
  it('is detected at the next LoginHistory poll, and hours later when the audit objects are not polled', async () => {
    const polled = await firstSeenSource({ ...DEFAULT_MONITORING, crm: 'elf-hourly' });
    expect(polled.verdict.delivery?.source, polled.verdict.reason).toBe('crm-login-history');
    const occurredAt = polled.verdict.delivery!.occurredAt;
    expect(polled.verdict.observedAt).toBe(polled.model.deliveredAt('crm-login-history', occurredAt, 'any'));
    expect(polled.verdict.latencyMs).toBeLessThanOrEqual(DEFAULT_MONITORING.crmAuditPollMs + 60_000);

    const files = await firstSeenSource({ ...DEFAULT_MONITORING, crm: 'elf-hourly', crmAudit: 'none' });
    expect(files.verdict.status, files.verdict.reason).toBe('late');
    expect(files.verdict.delivery?.source).toBe('crm-elf-hourly');
    expect(files.verdict.latencyMs).toBeGreaterThan(3 * 3_600_000);
  });
});
