import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/scenario/catalog.ts';
import { loadScenarioFile } from '../../src/scenario/loader.ts';
import { PROBLEM_CODES } from '../../src/scenario/problem.ts';
import { testRefs } from './scenario-test-refs.ts';

const INVALID = 'fixtures/scenarios/invalid';
const VALID = 'fixtures/scenarios/valid';

/** Each invalid fixture states on its first line where its one problem is: `# expect: 12:5 path`. */
function expectation(file: string): { line: number; col: number; path: string } {
  const header = /^# expect: (\d+):(\d+) (\S+)$/.exec(readFileSync(file, 'utf8').split('\n')[0] ?? '');
  if (!header) throw new Error(`${file} lacks its "# expect: line:col path" header`);
  return { line: Number(header[1]), col: Number(header[2]), path: header[3] === '(root)' ? '' : header[3]! };
}

describe('invalid scenario fixtures', () => {
  it('has exactly one fixture per problem code', () => {
    const names = readdirSync(INVALID).map((name) => name.replace(/\.yaml$/, ''));
    expect(names.sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it.each(PROBLEM_CODES)('%s.yaml reports exactly that code at its stated place', async (code) => {
    const file = join(INVALID, `${code}.yaml`);
    const result = await loadScenarioFile(file, testRefs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { line, col, path } = expectation(file);
    expect(result.problems.map(({ code, line, col, path }) => ({ code, line, col, path }))).toEqual([
      { code, line, col, path },
    ]);
    expect(result.problems[0]!.file).toBe(file);
  });
});

describe('valid scenario fixtures', () => {
  it('all load without problems, sorted by id', async () => {
    const catalog = await loadCatalog(VALID, testRefs);
    expect(catalog.problems).toEqual([]);
    expect(catalog.scenarios.map((scenario) => scenario.id)).toEqual([
      'oauth-overscope',
      'portal-session-reuse',
      'sync-residue',
    ]);
  });
});
