import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadScenarioFile, sortProblems } from './loader.ts';
import type { Problem } from './problem.ts';
import type { ScenarioRefs } from './refs.ts';
import type { Scenario } from './types.ts';

export interface Catalog {
  /** The valid scenarios, sorted by id. */
  scenarios: Scenario[];
  /** Problems of every invalid file, sorted by file and position; empty when all are valid. */
  problems: Problem[];
}

/** The `*.yaml` files directly inside `dir`, sorted by name. */
export async function listScenarioFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(dir, name));
}

export async function loadCatalog(dir: string, refs: ScenarioRefs): Promise<Catalog> {
  const scenarios: Scenario[] = [];
  const problems: Problem[] = [];
  for (const file of await listScenarioFiles(dir)) {
    const result = await loadScenarioFile(file, refs);
    if (result.ok) scenarios.push(result.scenario);
    else problems.push(...result.problems);
  }
  scenarios.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { scenarios, problems: sortProblems(problems) };
}

/** `file:line:col  code  path  message`; the document itself shows as `(root)`. */
export function formatProblem(problem: Problem): string {
  const path = problem.path || '(root)';
  return `${problem.file}:${problem.line}:${problem.col}  ${problem.code}  ${path}  ${problem.message}`;
}
