import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, freePort } from '../cli/cli-harness.ts';

const SECRET = randomBytes(16).toString('hex');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

async function startSiem(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['fixtures/siem/fake-siem.mjs'], {
    env: { ...process.env, ...env, PHI_DRILL_WEBHOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
}

async function targetFile(ports: { syslog: number; webhook: number; smtp: number }): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'phi-drill-target-'));
  const path = join(folder, 'target.yaml');
  await writeFile(
    path,
    `id: e2e-siem
disableControls: [oauth-scope-anomaly, breach-notification-workflow]
schedule: { steadyState: 2s, injects: { overscoped-pull: 1s } }
expectations:
  detect-broad-grant: { within: 5s, match: { control: siem-alerts, correlation: $inject } }
  audit-api-pull: { within: 5s }
  revoke-app-tokens: { within: 5s }
  open-notification-task: { within: 5s }
  privacy-officer-briefed: { within: 5s }
  notices: { within: 5s }
telemetry:
  - { id: siem, encoder: cef, systems: [crm], type: syslog, transport: tcp, host: 127.0.0.1, port: ${ports.syslog}, flushIntervalMs: 100 }
intakes:
  - id: siem-alerts
    type: webhook
    port: ${ports.webhook}
    secretEnv: PHI_DRILL_WEBHOOK_SECRET
    mapping: { rule: /search_name, severity: /severity, correlation: /correlation_id, summary: /description }
  - { id: notices, type: smtp, port: ${ports.smtp} }
`,
  );
  return path;
}

async function drillAgainstSiem(siem: { RULE: string; NOTIFY: string }) {
  const ports = { syslog: await freePort(), webhook: await freePort(), smtp: await freePort() };
  await startSiem({
    ...siem,
    SYSLOG_PORT: String(ports.syslog),
    WEBHOOK_URL: `http://127.0.0.1:${ports.webhook}/alerts`,
    SMTP_PORT: String(ports.smtp),
  });
  const target = await targetFile(ports);
  const out = await mkdtemp(join(tmpdir(), 'phi-drill-target-run-'));
  const run = await cli(
    ['run', 'scenarios/oauth-overscope.yaml', '--target', target, '--out', out, '--json'],
    {
      PHI_DRILL_WEBHOOK_SECRET: SECRET,
    },
  );
  const { reports } = JSON.parse(run.stdout) as {
    reports: Array<{
      verdicts: Array<{ expectationId: string; status: string; reason: string }>;
      sinks: Array<{ sent: number; records: number; failed: number }>;
    }>;
  };
  const verdicts = Object.fromEntries(reports[0]!.verdicts.map((v) => [v.expectationId, v]));
  return { run, verdicts, sinks: reports[0]!.sinks };
}

describe('drilling your own stack (a separate SIEM process over real sockets)', () => {
  it('meets detect and notify when the SIEM rule and the notice workflow work', async () => {
    const { verdicts, sinks } = await drillAgainstSiem({ RULE: 'good', NOTIFY: 'yes' });
    expect(verdicts['detect-broad-grant']?.status, verdicts['detect-broad-grant']?.reason).toBe('met');
    expect(verdicts['open-notification-task']?.status, verdicts['open-notification-task']?.reason).toBe(
      'met',
    );
    expect(sinks[0]!.records).toBeGreaterThan(0);
    expect(sinks[0]!.sent).toBe(sinks[0]!.records);
    expect(sinks[0]!.failed).toBe(0);
  });

  it('misses both when the rule is broken and no notice is sent', async () => {
    const { run, verdicts } = await drillAgainstSiem({ RULE: 'broken', NOTIFY: 'no' });
    expect(run.code).toBe(1);
    expect(verdicts['detect-broad-grant']?.status).toBe('missed');
    expect(verdicts['open-notification-task']?.status).toBe('missed');
  });

  it('--plan prints what would be sent where and runs nothing', async () => {
    const target = await targetFile({ syslog: 5514, webhook: 8787, smtp: 2525 });
    const plan = await cli(['run', 'scenarios/oauth-overscope.yaml', '--target', target, '--plan']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('siem: cef records of crm → syslog/tcp 127.0.0.1:5514');
    expect(plan.stdout).toContain('siem-alerts: webhook 127.0.0.1:8787');
    expect(plan.stdout).toContain('Estate for your responders: a free port on 127.0.0.1');
    expect(plan.stdout).toContain('Breach clock: the legal clock');
    expect(plan.stdout).toContain('Witnesses: the ledger head to every telemetry sink');
    expect(plan.stdout).toMatch(/ {2}background traffic \w+, at its real rate, before and after the injects/);
    expect(plan.stdout).toContain(
      'Built-in controls switched off: oauth-scope-anomaly, breach-notification-workflow',
    );
  });

  it('refuses a non-loopback destination that is not allow-listed, with a located error', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'phi-drill-target-'));
    const path = join(folder, 'target.yaml');
    await writeFile(
      path,
      'id: outside\ntelemetry:\n  - { id: hec, encoder: ocsf, type: http, format: splunk-hec, url: "https://splunk.example.com:8088" }\n',
    );
    const run = await cli(['run', 'scenarios/oauth-overscope.yaml', '--target', path, '--plan']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /target\.yaml:3:\d+ {2}bad-value {2}telemetry\[0\]\.url {2}host "splunk\.example\.com" is not loopback/,
    );
  });
});
