import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../cli/cli-harness.ts';

const SECRET = randomBytes(16).toString('hex');
const running: ChildProcess[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

function targetYaml(ports: { collector: number; webhook: number; smtp: number }): string {
  return `id: own-stack-e2e
disableControls: [oauth-scope-anomaly]
breachClock: { compress: 864000 }     # 10 days of the law's clock per drill second
schedule: { steadyState: 2s, injects: { overscoped-pull: 1s } }
expectations:
  detect-broad-grant: { within: 10s, match: { control: soc, correlation: $inject } }
  audit-api-pull: { within: 10s }
  revoke-app-tokens: { within: 10s }
  open-notification-task: { within: 10s }
  privacy-officer-briefed: { within: 10s }
  notices: { within: 10s }
telemetry:
  - { id: siem, encoder: jsonl, systems: [crm], type: http, format: generic, url: "http://127.0.0.1:${ports.collector}/events", flushIntervalMs: 100 }
intakes:
  - id: soc
    type: webhook
    port: ${ports.webhook}
    secretEnv: PHI_DRILL_WEBHOOK_SECRET
    mapping: { rule: /rule_name, severity: /urgency, correlation: /correlation, summary: /detail, patientIds: /patients }
  - { id: privacy-mail, type: smtp, port: ${ports.smtp} }
`;
}

interface Verdict {
  expectationId: string;
  status: string;
  reason: string;
}

/** One drill of the catalog scenario against the separate SIEM/SOAR process. */
async function drill(siem: { RULE: string; ECHO: string }) {
  const folder = await mkdtemp(join(tmpdir(), 'phi-drill-own-stack-'));
  folders.push(folder);
  const ports = { collector: await freePort(), webhook: await freePort(), smtp: await freePort() };
  const target = join(folder, 'target.yaml');
  await writeFile(target, targetYaml(ports));
  const estateFile = join(folder, 'estate.json');
  const seed = /seed: (\d+)/.exec(await readFile('scenarios/oauth-overscope.yaml', 'utf8'))![1];
  const soar = spawn(process.execPath, ['test/e2e/own-stack/siem-soar.mjs'], {
    env: {
      ...process.env,
      ...siem,
      PHI_DRILL_WEBHOOK_SECRET: SECRET,
      COLLECTOR_PORT: String(ports.collector),
      WEBHOOK_URL: `http://127.0.0.1:${ports.webhook}/alerts`,
      SMTP_PORT: String(ports.smtp),
      ESTATE_FILE: estateFile,
      GUESSED_ID: `drill-oauth-overscope-overscoped-pull-s${seed}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.push(soar);
  await new Promise((resolve) => createInterface({ input: soar.stdout! }).once('line', resolve));

  const run = spawn(
    process.execPath,
    [
      'bin/phi-drill.mjs',
      'run',
      'scenarios/oauth-overscope.yaml',
      '--target',
      target,
      '--out',
      join(folder, 'out'),
      '--json',
    ],
    {
      env: { ...process.env, NO_COLOR: '1', PHI_DRILL_WEBHOOK_SECRET: SECRET, HOME: folder },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(run);
  let stdout = '';
  run.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  // The run says where the estate listens; the SOAR reads it from a file, as it would from its own config.
  createInterface({ input: run.stderr! }).on('line', (line) => {
    const estate = /^estate listening: (\{.*\})$/.exec(line);
    if (estate) void writeFile(estateFile, estate[1]!);
  });
  const code = await new Promise<number>((resolve) => run.on('close', (exit) => resolve(exit ?? -1)));
  const { reports } = JSON.parse(stdout) as { reports: Array<{ verdicts: Verdict[]; noise: unknown[] }> };
  const verdicts = Object.fromEntries(
    reports[0]!.verdicts.map((verdict) => [verdict.expectationId, verdict]),
  );
  return { code, verdicts, noise: reports[0]!.noise };
}

const statusOf = (verdict: Verdict | undefined) => `${verdict?.status}: ${verdict?.reason}`;

describe('a catalog scenario against your own SIEM and SOAR (a separate process, telemetry fields only)', () => {
  it('meets detect, log, contain (the SOAR revokes through the CRM) and notify when the rule works', async () => {
    const { code, verdicts } = await drill({ RULE: 'good', ECHO: 'telemetry' });
    for (const id of [
      'detect-broad-grant',
      'audit-api-pull',
      'revoke-app-tokens',
      'open-notification-task',
    ]) {
      expect(statusOf(verdicts[id]), id).toMatch(/^met: /);
    }
    // The individual notices, on the compressed breach clock, and nothing left unmet: exit 0.
    const notices = Object.values(verdicts).filter((v) => v.expectationId.startsWith('notices:'));
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) expect(statusOf(notice)).toMatch(/^met: .*compressed 864000×/);
    const open = Object.values(verdicts).filter((v) => v.status !== 'met' && v.status !== 'not-applicable');
    expect(open.map(statusOf)).toEqual([]);
    expect(code).toBe(0);
  });

  it('misses detect and contain when the rule is broken, and the run exits 1', async () => {
    const { code, verdicts } = await drill({ RULE: 'broken', ECHO: 'telemetry' });
    expect(code).toBe(1);
    expect(verdicts['detect-broad-grant']?.status).toBe('missed');
    expect(verdicts['revoke-app-tokens']?.status).toBe('missed');
  });

  it('does not count an alert that echoes a guessed correlation id, though containment still happened', async () => {
    const { code, verdicts, noise } = await drill({ RULE: 'good', ECHO: 'guess' });
    expect(code).toBe(1);
    expect(verdicts['detect-broad-grant']?.status).toBe('missed');
    expect(verdicts['revoke-app-tokens']?.status).toBe('met');
    expect(noise).toHaveLength(1);
  });
});
