import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/cli/load-scenarios.ts';
import { systemTimers } from '../../src/clock/timers.ts';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { createRegistry } from '../../src/registry.ts';
import { runScenario } from '../../src/run/run-scenario.ts';
import { targetSchema } from '../../src/target/schema.ts';

const registry = createRegistry();
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'phi-drill-background-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface SinkRecord {
  time: number;
  system: string;
  action: string;
  correlationId?: string;
}

/**
 * A real-clock drill of a catalog scenario with the clinic's background traffic sped up 600×: the
 * user's SIEM (here a file sink) sees everyday traffic before and after the inject, and a careless
 * rule in it that alerts on any CRM query fires before the inject — a false positive in the report.
 */
describe('background traffic on a real-clock drill', () => {
  it('reaches the sinks before and after the inject, and a rule firing on it is a false positive', async () => {
    const sinkPath = join(folder, 'siem.jsonl');
    const alerts = join(folder, 'alerts.jsonl');
    await writeFile(alerts, '');
    const within = { within: '3s' };
    const target = targetSchema.parse({
      id: 'background-e2e',
      disableControls: ['oauth-scope-anomaly'],
      breachClock: { compress: 864000 },
      background: { level: 'heavy', scale: 600 },
      schedule: { steadyState: '3s', injects: { 'overscoped-pull': '1s' } },
      expectations: {
        'detect-broad-grant': { ...within, match: { control: 'soc', rule: 'broad-grant' } },
        'audit-api-pull': within,
        'revoke-app-tokens': within,
        'open-notification-task': within,
        'privacy-officer-briefed': within,
        notices: within,
      },
      telemetry: [{ id: 'siem', type: 'file', encoder: 'jsonl', path: sinkPath, flushIntervalMs: 50 }],
      intakes: [
        { id: 'soc', type: 'file', path: alerts, pollMs: 50, startAt: 'start', mapping: { rule: '/rule' } },
      ],
      estate: { serve: false },
    });
    // The careless rule: anything the EHR→CRM plumbing does is "suspicious" (at any hour there is some).
    let stopped = false;
    const watch = async (): Promise<void> => {
      if (stopped) return;
      const seen = await readFile(sinkPath, 'utf8').catch(() => '');
      if (/"system":"(ehr|crm|sync)"/.test(seen)) {
        await appendFile(
          alerts,
          `${JSON.stringify({ rule: 'any-crm-query', summary: 'EHR/CRM activity seen' })}\n`,
        );
        return;
      }
      systemTimers.setTimeout(() => void watch(), 50);
    };
    void watch();
    const catalog = await loadScenarios(['scenarios/oauth-overscope.yaml'], process.cwd(), registry);
    const loaded = catalog.scenarios[0]!;
    try {
      const result = await runScenario({
        scenario: loaded.scenario,
        scenarioFile: loaded.file,
        scenarioText: loaded.text,
        registry,
        folder: join(folder, 'run'),
        target,
        env: { HOME: folder },
      });
      const records = (await readFile(sinkPath, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as SinkRecord & { format?: string })
        .filter((record) => record.format === undefined);
      const t0 = result.report.t0;
      const background = records.filter((record) => !record.correlationId);
      expect(background.filter((record) => record.time < t0).length).toBeGreaterThan(5);
      expect(background.filter((record) => record.time > t0).length).toBeGreaterThan(5);
      expect(result.report.steadyState?.background).toEqual({ level: 'heavy', scale: 600 });
      expect(result.report.steadyState?.falsePositives).toEqual([
        expect.objectContaining({ control: 'soc', rule: 'any-crm-query' }),
      ]);
      expect(result.report.noise).toEqual([
        expect.objectContaining({ reason: 'arrived before any inject (false positive)' }),
      ]);
      expect(result.report.verdicts.find((v) => v.expectationId === 'detect-broad-grant')?.status).toBe(
        'missed',
      );
      // At close the SIEM also received the ledger head, and the ledger says so.
      const heads = (await readFile(sinkPath, 'utf8'))
        .trim()
        .split('\n')
        .filter((l) => l.includes('ledger-head'));
      const ledger = (await readFile(join(folder, 'run', 'ledger.jsonl'), 'utf8')).trim().split('\n');
      const witnessed = JSON.parse(ledger.find((line) => line.includes('"ledger.witnessed"'))!);
      expect(heads.map((line) => JSON.parse(line))).toEqual([witnessed.head]);
      expect(witnessed.sinks).toEqual([{ sink: 'siem', sent: 1, failed: 0, dropped: 0 }]);
      expect(JSON.parse(ledger.at(-1)!).kind).toBe('run.finished');
      expect((await verifyRunFolder(join(folder, 'run'))).status).toBe('integrity-only');
    } finally {
      stopped = true;
    }
  }, 60_000);
});
