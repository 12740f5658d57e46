import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineControl } from '../../src/controls/define.ts';
import { BUILT_IN_CONTROLS } from '../../src/controls/index.ts';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { defineInjector } from '../../src/inject/define.ts';
import { createRegistry } from '../../src/registry.ts';
import { runScenario } from '../../src/run/run-scenario.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';

const order: string[] = [];
const flaky = defineInjector({
  id: 'flaky',
  summary: 'test injector',
  attack: [],
  hipaa: [],
  detection: 'none',
  params: z.strictObject({
    name: z.string().default('a'),
    failApply: z.boolean().default(false),
    failRevert: z.boolean().default(false),
  }),
  conditions: ['applied'],
  async apply(_context, params) {
    if (params.failApply) throw new Error(`${params.name} could not apply`);
    order.push(`apply ${params.name}`);
    return {
      probes: { applied: () => true },
      revert() {
        order.push(`revert ${params.name}`);
        if (params.failRevert) throw new Error(`${params.name} revert failed`);
      },
    };
  },
});
const broken = defineControl({
  id: 'broken-detector',
  summary: 'throws on every event',
  kind: 'detector',
  reads: ['crm', 'ehr', 'logs'],
  rules: ['never'],
  covers: ['flaky'],
  start: () => ({
    onEvent() {
      throw new Error('detector bug');
    },
  }),
});

const SCENARIO = `
id: robustness
title: Robustness
summary: Injects that fail and a control that throws.
severity: low
hipaa: ['164.312(b)']
estate: { patients: 20, steadyState: 1h }
background: light
injects:
  - { id: first, at: 0s, injector: flaky, params: { name: first } }
  - { id: second, at: 1m, injector: flaky, params: { name: second, failRevert: true } }
  - { id: third, at: 2m, injector: flaky, params: { name: third, failApply: true } }
  - { id: fourth, at: 3m, injector: flaky, params: { name: fourth } }
expectations:
  - { id: first-applied, type: contain, inject: first, within: 5m, condition: applied }
  - { id: third-seen, type: detect, inject: third, within: 5m, match: { control: broken-detector } }
`;

describe('a run with failing parts', () => {
  it('records control errors, failed injects and failed reverts, reverts in reverse order, and still verifies', async () => {
    const registry = createRegistry({ injectors: [flaky], controls: [...BUILT_IN_CONTROLS, broken] });
    const loaded = loadScenarioText(SCENARIO, 'robustness.yaml', registry.refs);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const folder = join(await mkdtemp(join(tmpdir(), 'phi-drill-robust-')), 'run');
    const { report, exitCode } = await runScenario({
      scenario: loaded.scenario,
      scenarioFile: 'robustness.yaml',
      scenarioText: SCENARIO,
      registry,
      folder,
    });
    expect(order).toEqual([
      'apply first',
      'apply second',
      'apply fourth',
      'revert fourth',
      'revert second',
      'revert first',
    ]);
    const kinds = (await readFile(join(folder, 'ledger.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; error?: string; controlId?: string });
    expect(kinds.some((e) => e.kind === 'control.error' && e.controlId === 'broken-detector')).toBe(true);
    expect(kinds.find((e) => e.kind === 'inject.failed')?.error).toBe('third could not apply');
    expect(kinds.find((e) => e.kind === 'revert.failed')?.error).toBe('second revert failed');
    expect(report.verdicts.map((v) => [v.expectationId, v.status])).toEqual([
      ['first-applied', 'met'],
      ['third-seen', 'missed'],
    ]);
    expect(report.verdicts[1]!.reason).toBe('inject third failed to apply: third could not apply');
    expect(exitCode).toBe(1);
    expect((await verifyRunFolder(folder)).ok).toBe(true);
  });

  it('rejects duplicate ids in a registry', () => {
    expect(() => createRegistry({ injectors: [flaky, flaky] })).toThrow('duplicate injector id "flaky"');
    expect(() => createRegistry({ controls: [broken, broken] })).toThrow(
      'duplicate control id "broken-detector"',
    );
  });
});
