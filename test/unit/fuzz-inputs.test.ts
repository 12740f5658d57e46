import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseAlertBatch, parseAlertOutput } from '../../src/controls/intakes/alert-json.ts';
import { parseConfirmation } from '../../src/controls/intakes/confirmation.ts';
import { mapAlert } from '../../src/controls/intakes/mapping.ts';
import { scenarioRefs } from '../../src/registry.ts';
import { formatProblem } from '../../src/scenario/catalog.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';
import { PROBLEM_CODES, type Problem } from '../../src/scenario/problem.ts';
import { loadTargetText } from '../../src/target/loader.ts';

/**
 * Whatever a user (or an attacker) hands the loaders and intakes, they answer: no throw, and every
 * problem located at a real line and column of the input. Bounded runs; a hang fails on the timeout.
 */
const RUNS = { numRuns: 150 };
const VALID_SCENARIO = readFileSync('fixtures/scenarios/valid/oauth-overscope.yaml', 'utf8');
const VALID_TARGET = readFileSync('examples/target.yaml', 'utf8');
const CONTROL_IDS = new Set(['oauth-scope-anomaly', 'breach-notification-workflow']);

/** A valid file with random damage: text inserted, removed or repeated at random places. */
function mutated(base: string): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat({ max: base.length }),
    cut: fc.nat({ max: 40 }),
    insert: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('*a', '&a ', '[', '{', ': ', '- ', '\t', '\u0000', '\uFFFD', '\n  ', '!!binary '),
    ),
  });
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) =>
    edits.reduce((text, { at, cut, insert }) => {
      const where = Math.min(at, text.length);
      return text.slice(0, where) + insert + text.slice(where + cut);
    }, base),
  );
}

/** YAML that parses but cannot be materialised safely: a missing anchor, an alias bomb, deep nesting. */
const HOSTILE = [
  'id: x\ntitle: *nope\n',
  `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
    { length: 8 },
    (_, i) =>
      `b${i}: &b${i} [${Array(10)
        .fill(i === 0 ? '*a' : `*b${i - 1}`)
        .join(', ')}]`,
  ).join('\n')}\n`,
  `${Array.from({ length: 2_100 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`,
  `${'['.repeat(3_000)}${']'.repeat(3_000)}\n`,
  'a: &a [*a]\n',
];

/** Text a loader may meet: damaged valid files, hostile YAML, random strings, any value as YAML. */
function yamlInputs(base: string): fc.Arbitrary<string> {
  return fc.oneof(
    mutated(base),
    fc.constantFrom(...HOSTILE),
    fc.string({ maxLength: 400, unit: 'binary' }),
    fc.anything({ maxDepth: 6 }).map((value) => stringify(value ?? null)),
  );
}

function expectLocated(problems: readonly Problem[], file: string, text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(problem.file).toBe(file);
    expect(PROBLEM_CODES).toContain(problem.code);
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lines + 1);
    expect(problem.col).toBeGreaterThanOrEqual(1);
    const printed = Array.from(formatProblem(problem), (char) => char.codePointAt(0)!);
    expect(printed.filter((code) => code < 0x20 && code !== 0x09)).toEqual([]);
  }
}

describe('fuzzed scenario files', () => {
  it('load or fail with located problems, never throw', () => {
    fc.assert(
      fc.property(yamlInputs(VALID_SCENARIO), (text) => {
        const result = loadScenarioText(text, 'fuzz.yaml', scenarioRefs);
        if (!result.ok) expectLocated(result.problems, 'fuzz.yaml', text);
      }),
      RUNS,
    );
  });
});

describe('fuzzed target files', () => {
  it('load or fail with located problems, never throw', () => {
    fc.assert(
      fc.property(yamlInputs(VALID_TARGET), (text) => {
        const result = loadTargetText(text, 'target.yaml', CONTROL_IDS);
        if (!result.ok) expectLocated(result.problems, 'target.yaml', text);
      }),
      RUNS,
    );
  });
});

describe('fuzzed intake payloads', () => {
  const mapping = {
    rule: '/search_name',
    severity: '/severity',
    summary: '/description',
    correlation: '/correlation_id',
    patientIds: '/patients',
    severityMap: { '4': 'high' as const },
  };
  const payloads = fc.oneof(
    fc.json({ maxDepth: 8 }),
    fc.string({ maxLength: 300, unit: 'binary' }),
    fc.nat({ max: 5_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  );

  it('webhook bodies become alerts with only text fields, or a reason', () => {
    fc.assert(
      fc.property(payloads, (body) => {
        const batch = parseAlertBatch(body);
        if (!batch.ok) {
          expect(batch.reason).toMatch(/\S/);
          return;
        }
        for (const alert of batch.alerts) {
          for (const value of Object.values(mapAlert(alert, mapping))) {
            expect(['string', 'object']).toContain(typeof value);
          }
        }
      }),
      RUNS,
    );
  });

  it('command output is judged line by line, every error at a line that exists', () => {
    fc.assert(
      fc.property(fc.array(payloads, { maxLength: 6 }), (lines) => {
        const text = lines.join('\n');
        const parsed = parseAlertOutput(text);
        for (const error of parsed.errors) {
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.line).toBeLessThanOrEqual(text.split('\n').length);
        }
      }),
      RUNS,
    );
  });

  it('console confirmations parse or say what is wrong', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 120 }), fc.constant('confirm a at +1h by x note y')),
        (line) => {
          const parsed = parseConfirmation(line, 0);
          if (!parsed.ok) expect(parsed.error).toMatch(/\S/);
        },
      ),
      RUNS,
    );
  });
});
