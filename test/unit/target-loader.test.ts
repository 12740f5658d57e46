import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/registry.ts';
import { applyTarget, unknownTargetReferences } from '../../src/target/apply.ts';
import { loadTargetText } from '../../src/target/loader.ts';
import { catalogScenario } from '../integration/drill-harness.ts';

const controls = new Set(createRegistry().controls.keys());
const problemsOf = (text: string) => {
  const result = loadTargetText(text, 'target.yaml', controls);
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.path}`);
};

describe('target files', () => {
  it('accepts a minimal target and fills defaults', () => {
    const result = loadTargetText('id: minimal\n', 'target.yaml', controls);
    expect(result.ok && result.target).toMatchObject({
      allowHosts: [],
      disableControls: [],
      correlation: { surface: ['header'] },
      telemetry: [],
      intakes: [],
    });
  });

  it('locates unknown keys, bad durations, unknown controls, empty selectors and duplicate ids', () => {
    const text = [
      'id: broken',
      'colour: blue',
      'disableControls: [no-such-control]',
      'schedule: { steadyState: soon }',
      'expectations:',
      '  detect-x: { match: {} }',
      'telemetry:',
      '  - { id: dup, encoder: jsonl, type: file, path: a.jsonl }',
      'intakes:',
      '  - { id: dup, type: manual }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      '2:1 unknown-key colour',
      '4:26 bad-duration schedule.steadyState',
      '6:22 empty-selector expectations.detect-x.match',
    ]);
    const crossChecked = text
      .replace('colour: blue\n', '')
      .replace('steadyState: soon', 'steadyState: 1m')
      .replace('match: {}', 'within: 1m');
    expect(problemsOf(crossChecked)).toEqual([
      '2:19 unknown-control disableControls[0]',
      '9:11 duplicate-id intakes[0].id',
    ]);
  });

  it('refuses a time-stamping authority that is neither loopback nor allow-listed, where it is named', () => {
    const text = 'id: t\nwitness:\n  timestamp: { url: "http://tsa.example.org/tsr" }\n';
    expect(problemsOf(text)).toEqual(['3:21 bad-value witness.timestamp.url']);
    expect(problemsOf(`allowHosts: [tsa.example.org]\n${text}`)).toEqual([]);
    expect(problemsOf(text.replace('tsa.example.org', '127.0.0.1:8318'))).toEqual([]);
  });

  it('refuses an unknown encoder and sink type with the allowed values', () => {
    const result = loadTargetText(
      'id: t\ntelemetry:\n  - { id: s, encoder: xml, type: file, path: a }\n',
      't.yaml',
      controls,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.message).toMatch(/xml/);
  });

  it('retimes a scenario and replaces windows and selectors; names what matches nothing', async () => {
    const { scenario } = await catalogScenario('oauth-overscope');
    const loaded = loadTargetText(
      [
        'id: t',
        'schedule: { steadyState: 30s, injects: { overscoped-pull: 10s, typo-inject: 1s } }',
        'expectations:',
        '  detect-broad-grant: { within: 2m, match: { control: hook } }',
        '  no-such-expectation: { within: 1m }',
        'intakes: [{ id: hook, type: manual }]',
      ].join('\n'),
      't.yaml',
      controls,
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const applied = applyTarget(scenario, loaded.target);
    expect(applied.estate.steadyStateMs).toBe(30_000);
    expect(applied.injects[0]!.atMs).toBe(10_000);
    const detect = applied.expectations.find((e) => e.id === 'detect-broad-grant');
    expect(detect).toMatchObject({ withinMs: 120_000, match: { control: 'hook' } });
    expect(unknownTargetReferences(loaded.target, [scenario], controls).map((p) => p.code)).toEqual([
      'unknown-field',
      'unknown-inject',
    ]);
  });
});
