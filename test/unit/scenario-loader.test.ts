import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type LoadResult, loadScenarioFile, loadScenarioText } from '../../src/scenario/loader.ts';
import type { Problem } from '../../src/scenario/problem.ts';
import { minimalScenario } from './minimal-scenario.ts';
import { testRefs } from './scenario-test-refs.ts';

function load(doc: Record<string, unknown>): LoadResult {
  return loadScenarioText(stringify(doc), 'scenarios/drill.yaml', testRefs);
}

function problems(result: LoadResult): Array<Pick<Problem, 'code' | 'path'>> {
  return result.ok ? [] : result.problems.map(({ code, path }) => ({ code, path }));
}

function messages(result: LoadResult): string[] {
  return result.ok ? [] : result.problems.map((problem) => problem.message);
}

describe('loading a valid scenario', () => {
  it('parses durations to milliseconds and keeps the text', async () => {
    const result = await loadScenarioFile('fixtures/scenarios/valid/oauth-overscope.yaml', testRefs);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { scenario } = result;
    expect(scenario.estate).toEqual({
      patients: 500,
      seed: 7,
      start: Date.UTC(2026, 2, 2, 13),
      startText: '2026-03-02T08:00:00-05:00',
      timezone: 'America/New_York',
      steadyState: '24h',
      steadyStateMs: 86_400_000,
    });
    expect(scenario.injects).toEqual([
      {
        id: 'overscoped-pull',
        at: '18h',
        atMs: 64_800_000,
        injector: 'oauth-overscope',
        params: { rows: 500 },
      },
    ]);
    expect(scenario.expectations.map((e) => [e.id, e.withinMs])).toEqual([
      ['detect-pull', 900_000],
      ['audit-pull', 300_000],
      ['revoke', 3_600_000],
      ['notify-task', 86_400_000],
      ['privacy-briefed', 14_400_000],
    ]);
    const notify = scenario.expectations.find((e) => e.type === 'notify');
    expect(notify).toMatchObject({ deadline: '60d', deadlineMs: 5_184_000_000 });
  });

  it('fills defaults for estate, background, attack, prompts and params', () => {
    const result = load(minimalScenario());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.scenario.estate).toMatchObject({
      patients: 500,
      seed: 1,
      startText: '2026-03-02T08:00:00-05:00',
      timezone: 'America/New_York',
      steadyStateMs: 86_400_000,
    });
    expect(result.scenario.background).toBe('normal');
    expect(result.scenario.attack).toEqual([]);
    expect(result.scenario.prompts).toEqual([]);
    expect(result.scenario.injects[0]!.params).toEqual({});
  });

  it('accepts an inject at 0s but no zero-length window', () => {
    const doc = minimalScenario();
    doc.injects = [{ id: 'pull', at: '0s', injector: 'oauth-overscope' }];
    expect(load(doc).ok).toBe(true);
    (doc.expectations as Array<Record<string, unknown>>)[0]!.within = '0m';
    expect(problems(load(doc))).toEqual([{ code: 'bad-duration', path: 'expectations[0].within' }]);
  });

  it('accepts a selector with only a correlation id, or only a known rule', () => {
    const doc = minimalScenario();
    const expectation = (doc.expectations as Array<Record<string, unknown>>)[0]!;
    expectation.match = { correlation: 'drill-7' };
    expect(load(doc).ok).toBe(true);
    expectation.match = { rule: 'phi-in-staging' };
    expect(load(doc).ok).toBe(true);
  });
});

describe('reporting problems', () => {
  it('reports every problem, schema and cross-reference alike, in file order', () => {
    const text = [
      'id: drill',
      'title: A drill',
      'summary: Something leaks.',
      'severity: severe',
      "hipaa: ['164.312(b)']",
      'injects:',
      '  - { id: pull, at: 1h, injector: oauth-overscope, colour: red }',
      'expectations:',
      '  - { id: seen, type: detect, inject: pul, within: soon, match: {} }',
      '',
    ].join('\n');
    const result = loadScenarioText(text, 'drill.yaml', testRefs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.path}`)).toEqual([
      '4:11 bad-value severity',
      '7:52 unknown-key injects[0].colour',
      '9:39 unknown-inject expectations[0].inject',
      '9:52 bad-duration expectations[0].within',
      '9:65 empty-selector expectations[0].match',
    ]);
  });

  it('reports each unknown key on its own, naming the allowed keys', () => {
    const doc = { ...minimalScenario(), estate: { patients: 100, seeds: 3, zone: 'UTC' } };
    const result = load(doc);
    expect(problems(result)).toEqual([
      { code: 'unknown-key', path: 'estate.seeds' },
      { code: 'unknown-key', path: 'estate.zone' },
    ]);
    expect(messages(result)[0]).toBe(
      'unknown key "seeds"; allowed: patients, seed, start, timezone, steadyState, businessAssociates',
    );
  });

  it('points a missing field at the mapping that lacks it', () => {
    const text = 'id: drill\ntitle: A drill\nsummary: S\nseverity: low\ninjects: []\n';
    const result = loadScenarioText(text, 'drill.yaml', testRefs);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.path}`)).toEqual([
      '1:1 missing-field expectations',
      '1:1 missing-field hipaa',
      '5:10 bad-value injects',
    ]);
    expect(result.problems[2]!.message).toBe('must have at least 1 item(s)');
  });

  it("keeps an inject's MSEL entry, and locates a missing or unknown MSEL field", () => {
    const msel = {
      from: 'SIEM alert',
      to: 'IR lead',
      message: 'A token pulls accounts.',
      expectedAction: 'Revoke it.',
    };
    const good = load({
      ...minimalScenario(),
      injects: [{ id: 'pull', at: '1h', injector: 'oauth-overscope', msel }],
    });
    if (!good.ok) throw new Error('expected a scenario');
    expect(good.scenario.injects[0]!.msel).toEqual(msel);

    const { expectedAction: _, ...partial } = msel;
    const text = stringify({
      ...minimalScenario(),
      injects: [{ id: 'pull', at: '1h', injector: 'oauth-overscope', msel: { ...partial, expected: 'x' } }],
    });
    const bad = loadScenarioText(text, 'scenarios/drill.yaml', testRefs);
    if (bad.ok) throw new Error('expected problems');
    expect(bad.problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.path}`)).toEqual([
      `${lineOf(text, 'msel:') + 1}:7 missing-field injects[0].msel.expectedAction`,
      `${lineOf(text, 'expected: x')}:7 unknown-key injects[0].msel.expected`,
    ]);
  });

  it('rejects out-of-range estate values, unknown zones and starts without an offset', () => {
    const doc = {
      ...minimalScenario(),
      estate: { patients: 5, timezone: 'Mars/Olympus_Mons', start: '2026-03-02T08:00:00', seed: 1.5 },
    };
    expect(problems(load(doc))).toEqual([
      { code: 'bad-value', path: 'estate.patients' },
      { code: 'bad-value', path: 'estate.timezone' },
      { code: 'bad-value', path: 'estate.start' },
      { code: 'wrong-type', path: 'estate.seed' },
    ]);
  });

  it('checks citation and technique formats', () => {
    const doc = { ...minimalScenario(), hipaa: ['164.312(b)', 'HIPAA 164.3'], attack: ['T1528', 'T15'] };
    const result = load(doc);
    expect(problems(result)).toEqual([
      { code: 'bad-value', path: 'hipaa[1]' },
      { code: 'bad-value', path: 'attack[1]' },
    ]);
    expect(messages(result)[0]).toContain('not a 45 CFR citation');
  });

  it('tells a wrong type from an empty value and a missing one', () => {
    const doc = { ...minimalScenario(), title: 42, summary: null };
    const result = load(doc);
    expect(problems(result)).toEqual([
      { code: 'wrong-type', path: 'title' },
      { code: 'wrong-type', path: 'summary' },
    ]);
    expect(messages(result)).toEqual([
      'expected a string, got number 42',
      'expected a string, got null (empty value)',
    ]);
  });

  it('validates params with the chosen injector schema, strictly', () => {
    const doc = minimalScenario();
    doc.injects = [
      { id: 'pull', at: '1h', injector: 'oauth-overscope', params: { rows: 10, reuseAfter: '5m' } },
    ];
    const result = load(doc);
    expect(problems(result)).toEqual([{ code: 'bad-params', path: 'injects[0].params.reuseAfter' }]);
    expect(messages(result)[0]).toBe(
      'params of injector "oauth-overscope": unknown param "reuseAfter"; allowed: rows, hourLocal',
    );
    doc.injects = [{ id: 'pull', at: '1h', injector: 'portal-session-reuse', params: { reuseAfter: '5m' } }];
    expect(load(doc).ok).toBe(true);
  });

  it('reports a missing injector or type as missing, and an unknown type with the allowed ones', () => {
    const doc = minimalScenario();
    doc.injects = [{ id: 'pull', at: '1h' }];
    doc.expectations = [{ id: 'seen', type: 'alert', inject: 'pull', within: '1m' }];
    const result = load(doc);
    expect(problems(result)).toEqual([
      { code: 'missing-field', path: 'injects[0].injector' },
      { code: 'bad-value', path: 'expectations[0].type' },
    ]);
    expect(messages(result)[1]).toBe('unknown type "alert"; allowed: detect, log, contain, notify, manual');
  });

  it('requires a rule given without a control to belong to some control', () => {
    const doc = minimalScenario();
    (doc.expectations as Array<Record<string, unknown>>)[0]!.match = { rule: 'phi-in-lobby' };
    expect(problems(load(doc))).toEqual([{ code: 'unknown-rule', path: 'expectations[0].match.rule' }]);
  });

  it('checks a containment condition against the referenced inject, not any injector', () => {
    const doc = minimalScenario();
    doc.injects = [
      { id: 'pull', at: '1h', injector: 'oauth-overscope' },
      { id: 'breaks', at: '2h', injector: 'sync-failure' },
    ];
    doc.expectations = [
      { id: 'purged', type: 'contain', inject: 'breaks', within: '1h', condition: 'residue-purged' },
      { id: 'revoked', type: 'contain', inject: 'breaks', within: '1h', condition: 'token-revoked' },
    ];
    const result = load(doc);
    expect(problems(result)).toEqual([{ code: 'unknown-condition', path: 'expectations[1].condition' }]);
    expect(messages(result)[0]).toBe(
      'injector "sync-failure" offers no condition "token-revoked"; it offers: residue-purged',
    );
  });

  it('finds duplicate ids across injects and expectations', () => {
    const doc = minimalScenario();
    doc.expectations = [
      { id: 'seen', type: 'manual', inject: 'pull', within: '1h', prompt: 'Check' },
      { id: 'seen', type: 'manual', inject: 'pull', within: '1h', prompt: 'Check again' },
    ];
    expect(problems(load(doc))).toEqual([{ code: 'duplicate-id', path: 'expectations[1].id' }]);
  });

  it('compares the id with the base name of the file, wherever it lives', () => {
    const text = stringify(minimalScenario());
    expect(loadScenarioText(text, 'deep/dir/drill.yaml', testRefs).ok).toBe(true);
    expect(problems(loadScenarioText(text, 'deep/dir/other.yaml', testRefs))).toEqual([
      { code: 'id-mismatch', path: 'id' },
    ]);
  });

  it('treats an empty file as a document of the wrong type at 1:1', () => {
    const result = loadScenarioText('', 'drill.yaml', testRefs);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.path}`)).toEqual(['1:1 wrong-type ']);
  });

  it('reports YAML syntax errors with their own position and nothing else', () => {
    const result = loadScenarioText('id: drill\ntitle: a: b\nseverity: severe\n', 'drill.yaml', testRefs);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.length).toBeGreaterThan(0);
    expect(new Set(result.problems.map((p) => p.code))).toEqual(new Set(['yaml-syntax']));
    expect(result.problems[0]).toMatchObject({ line: 2, col: 8 });
  });

  it('rejects a file holding more than one document', () => {
    const text = `${stringify(minimalScenario())}---\n${stringify(minimalScenario())}`;
    expect(problems(loadScenarioText(text, 'drill.yaml', testRefs)).map((p) => p.code)).toContain(
      'yaml-syntax',
    );
  });
});

/** 1-based line of the first line holding `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}
