import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioRefs } from '../../src/registry.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';
import { DEFAULT_MONITORING } from '../../src/telemetry/delivery/monitoring.ts';

const base = readFileSync('scenarios/fls-overexposure.yaml', 'utf8');
const withMonitoring = (line: string) => base.replace(/^monitoring: .*$/m, line);

describe('scenario monitoring section', () => {
  it('defaults to the reference organisation when left out', () => {
    const loaded = loadScenarioText(withMonitoring(''), 'fls-overexposure.yaml', scenarioRefs);
    if (!loaded.ok) throw new Error(loaded.problems[0]!.message);
    expect(loaded.scenario.monitoring).toEqual(DEFAULT_MONITORING);
  });

  it('reads collection choices, flush and retention durations', () => {
    const loaded = loadScenarioText(
      withMonitoring(
        'monitoring: { crm: elf-daily, crmLogRetention: 1d, ehrAudit: nightly, logs: none, forwarderFlush: 30s }',
      ),
      'fls-overexposure.yaml',
      scenarioRefs,
    );
    if (!loaded.ok) throw new Error(loaded.problems[0]!.message);
    expect(loaded.scenario.monitoring).toMatchObject({
      crm: 'elf-daily',
      crmLogRetentionMs: 86_400_000,
      ehrAudit: 'nightly',
      logs: 'none',
      forwarderFlushMs: 30_000,
    });
  });

  it('rejects an unknown collection option and a zero flush, located at the field', () => {
    const loaded = loadScenarioText(
      withMonitoring('monitoring: { crm: splunk, forwarderFlush: 0s }'),
      'fls-overexposure.yaml',
      scenarioRefs,
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const paths = loaded.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['monitoring.crm', 'monitoring.forwarderFlush']));
    const line = withMonitoring('monitoring: { crm: splunk, forwarderFlush: 0s }')
      .split('\n')
      .findIndex((l) => l.startsWith('monitoring:'));
    expect(loaded.problems.find((p) => p.path === 'monitoring.crm')!.line).toBe(line + 1);
  });

  it('reads how the CRM audit objects and object-store access are collected, rejecting unknown ones where written', () => {
    const good = loadScenarioText(
      withMonitoring('monitoring: { crmAudit: none, crmAuditPoll: 5m, storageLogs: server-access }'),
      'fls-overexposure.yaml',
      scenarioRefs,
    );
    if (!good.ok) throw new Error(good.problems[0]!.message);
    expect(good.scenario.monitoring).toMatchObject({
      crmAudit: 'none',
      crmAuditPollMs: 300_000,
      storageLogs: 'server-access',
    });
    const bad = loadScenarioText(
      withMonitoring('monitoring: { crmAudit: splunk, crmAuditPoll: 0s, storageLogs: cloudfront }'),
      'fls-overexposure.yaml',
      scenarioRefs,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['monitoring.crmAudit', 'monitoring.crmAuditPoll', 'monitoring.storageLogs']),
    );
  });
});
