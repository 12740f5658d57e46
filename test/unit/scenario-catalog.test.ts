import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, listScenarioFiles, loadCatalog } from '../../src/scenario/catalog.ts';
import { PROBLEM_CODES } from '../../src/scenario/problem.ts';
import { testRefs } from './scenario-test-refs.ts';

describe('scenario catalog', () => {
  it('collects the problems of every file in a directory, in file order', async () => {
    const catalog = await loadCatalog('fixtures/scenarios/invalid', testRefs);
    expect(catalog.scenarios).toEqual([]);
    expect(catalog.problems.map((problem) => problem.code)).toEqual([...PROBLEM_CODES].sort());
  });

  it('loads valid files and reports invalid ones from the same directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phi-drill-catalog-'));
    const valid = (id: string) =>
      [
        `id: ${id}`,
        'title: T',
        'summary: S',
        'severity: low',
        "hipaa: ['164.312(b)']",
        'injects: [{ id: pull, at: 1h, injector: oauth-overscope }]',
        'expectations: [{ id: seen, type: manual, inject: pull, within: 1h, prompt: Check }]',
        '',
      ].join('\n');
    await writeFile(join(dir, 'zeta.yaml'), valid('zeta'));
    await writeFile(join(dir, 'alpha.yaml'), valid('alpha'));
    await writeFile(join(dir, 'broken.yaml'), valid('broken').replace('severity: low', 'severity: dire'));
    await writeFile(join(dir, 'notes.txt'), 'not a scenario');

    expect(await listScenarioFiles(dir)).toEqual(
      ['alpha.yaml', 'broken.yaml', 'zeta.yaml'].map((f) => join(dir, f)),
    );
    const catalog = await loadCatalog(dir, testRefs);
    expect(catalog.scenarios.map((scenario) => scenario.id)).toEqual(['alpha', 'zeta']);
    expect(catalog.problems.map(formatProblem)).toEqual([
      `${join(dir, 'broken.yaml')}:4:11  bad-value  severity  "dire" is not allowed; expected one of: low, medium, high, critical`,
    ]);
    await rm(dir, { recursive: true });
  });

  it('formats a problem on the document itself as (root)', () => {
    const line = formatProblem({
      file: 'a.yaml',
      line: 1,
      col: 1,
      path: '',
      code: 'wrong-type',
      message: 'm',
    });
    expect(line).toBe('a.yaml:1:1  wrong-type  (root)  m');
  });
});
