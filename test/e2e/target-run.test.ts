import { createHmac } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario.ts';
import { loadTargetText } from '../../src/target/loader.ts';
import { catalogScenario, registry } from '../integration/drill-harness.ts';

const SECRET = 'target-run-test-secret';

async function target(folder: string) {
  const text = `id: files-and-webhook
disableControls: [oauth-scope-anomaly]
schedule: { steadyState: 1s, injects: { overscoped-pull: 0s } }
expectations:
  detect-broad-grant: { within: 2s, match: { control: hook, correlation: $inject } }
  audit-api-pull: { within: 2s }
  revoke-app-tokens: { within: 2s }
  open-notification-task: { within: 2s }
  privacy-officer-briefed: { within: 2s }
  notices: { within: 2s }
telemetry:
  - { id: elf, encoder: elf-csv, systems: [crm], type: file, path: ${join(folder, 'elf.csv')}, flushIntervalMs: 50 }
  - { id: lossless, encoder: jsonl, type: file, path: ${join(folder, 'all.jsonl')}, flushIntervalMs: 50 }
intakes:
  - { id: hook, type: webhook, secretEnv: HOOK_SECRET, mapping: { rule: /rule, correlation: /correlation } }
`;
  const loaded = loadTargetText(text, 'target.yaml', new Set(registry.controls.keys()));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.target;
}

const post = (url: string, body: string, signed: boolean) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signed
        ? { 'x-phidrill-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` }
        : {}),
    },
    body,
  });

describe('a real-clock run against a target', () => {
  it('writes every record to file sinks (EventLogFile CSV one file per type), records refusals and noise', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'phi-drill-target-run-'));
    const { scenario, file, text } = await catalogScenario('oauth-overscope');
    let url = '';
    let estate: Record<string, string | number> = {};
    let discovery: Promise<Response> | undefined;
    const { report } = await runScenario({
      scenario,
      scenarioFile: file,
      scenarioText: text,
      registry,
      folder: join(folder, 'run'),
      env: { HOOK_SECRET: SECRET },
      target: await target(folder),
      onIntakeReady: (id, where) => {
        if (id === 'estate') estate = where;
        else url = String(where.url);
      },
      onEntry: (entry) => {
        if (entry.kind !== 'inject.applied') return;
        discovery = fetch(`${estate.url}/.well-known/openid-configuration`);
        void post(url, JSON.stringify({ rule: 'unsigned' }), false);
        void post(url, JSON.stringify({ rule: 'unrelated', correlation: 'someone-else' }), true);
        void post(url, JSON.stringify({ rule: 'app scope', correlation: entry.correlationId }), true);
      },
    });
    const verdict = report.verdicts.find((v) => v.expectationId === 'detect-broad-grant');
    expect(verdict?.status, verdict?.reason).toBe('met');
    expect(report.rejected.map((r) => r.status)).toEqual([401]);
    expect(report.noise.map((n) => n.reason)).toEqual(['matches no detect expectation']);
    const files = (await readdir(folder)).filter((name) => name.startsWith('elf.'));
    expect(files).toContain('elf.restapi.csv');
    const csv = (await readFile(join(folder, 'elf.restapi.csv'), 'utf8')).split('\n');
    expect(csv[0]).toMatch(/^"EVENT_TYPE","TIMESTAMP",/);
    expect(csv[1]).toMatch(/^"RestApi",/);
    const lossless = report.sinks.find((s) => s.sink === 'lossless')!;
    expect(lossless.sent).toBe(lossless.records);
    expect(lossless.records).toBe(report.telemetry!.events);
    const lines = (await readFile(join(folder, 'all.jsonl'), 'utf8')).trim().split('\n');
    // Every event, then the ledger head as a record of its own (the SIEM's independent copy).
    expect(lines).toHaveLength(lossless.records + 1);
    expect(JSON.parse(lines.at(-1)!)).toEqual(report.witness?.head);
    expect(files).toContain('elf.ledger-head.csv');
    // The estate was on loopback for the responders during the run, and is gone after it.
    expect(estate.oauthRevoke).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/services\/oauth2\/revoke$/);
    const openid = (await (await discovery!).json()) as { revocation_endpoint: string };
    expect(openid.revocation_endpoint).toBe(estate.oauthRevoke);
    await expect(fetch(String(estate.url))).rejects.toThrow();
  });

  it('gives every run an unguessable correlation id: an alert echoing the id derived from scenario, inject and seed matches nothing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'phi-drill-target-run-'));
    const { scenario, file, text } = await catalogScenario('oauth-overscope');
    const guessed = `drill-${scenario.id}-overscoped-pull-s${scenario.estate.seed}`;
    let url = '';
    let applied = '';
    const { report } = await runScenario({
      scenario,
      scenarioFile: file,
      scenarioText: text,
      registry,
      folder: join(folder, 'run'),
      env: { HOOK_SECRET: SECRET },
      target: await target(folder),
      onIntakeReady: (_id, where) => {
        url = String(where.url);
      },
      onEntry: (entry) => {
        if (entry.kind !== 'inject.applied') return;
        applied = entry.correlationId;
        void post(url, JSON.stringify({ rule: 'app scope', correlation: guessed }), true);
      },
    });
    expect(applied).toMatch(/^drill-oauth-overscope-overscoped-pull-[A-Za-z0-9_-]{16}$/);
    expect(applied).not.toBe(guessed);
    const verdict = report.verdicts.find((v) => v.expectationId === 'detect-broad-grant');
    expect(verdict?.status).toBe('missed');
    expect(report.noise.map((n) => n.reason)).toEqual(['matches no detect expectation']);
  });
});
