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

/**
 * `file:line:col  code  path  message`; the document itself shows as `(root)`. Whatever the input
 * held, the line is printable and bounded: control characters are escaped, long fields cut.
 */
export function formatProblem(problem: Problem): string {
  const path = printable(problem.path || '(root)', 120);
  return `${problem.file}:${problem.line}:${problem.col}  ${problem.code}  ${path}  ${printable(problem.message, 300)}`;
}

/** Problems shown per file before the rest is summed up as "+N more". */
export const PROBLEMS_SHOWN_PER_FILE = 20;

/** Every problem as a line, at most `perFile` per file, then one "+N more" line for that file. */
export function formatProblems(problems: readonly Problem[], perFile = PROBLEMS_SHOWN_PER_FILE): string[] {
  const lines: string[] = [];
  const shown = new Map<string, number>();
  for (const problem of problems) {
    const count = (shown.get(problem.file) ?? 0) + 1;
    shown.set(problem.file, count);
    if (count <= perFile) lines.push(formatProblem(problem));
  }
  for (const [file, count] of shown) {
    if (count > perFile) lines.push(`${file}  +${count - perFile} more problem(s) not shown`);
  }
  return lines;
}

function printable(text: string, max: number): string {
  const escaped = Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    return code < 0x20 || code === 0x7f || code === 0xfffd ? `\\u{${code.toString(16)}}` : char;
  });
  return escaped.length > max ? `${escaped.slice(0, max - 1).join('')}…` : escaped.join('');
}
