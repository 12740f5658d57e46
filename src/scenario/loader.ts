import { readFile } from 'node:fs/promises';
import { crossCheck } from './cross-check.ts';
import { problemsFromIssues } from './issues.ts';
import { locate } from './locate.ts';
import { formatPath, type PathProblem, type Problem } from './problem.ts';
import { readYaml } from './read-yaml.ts';
import type { ScenarioRefs } from './refs.ts';
import { buildScenarioSchema } from './schema.ts';
import type { Scenario } from './types.ts';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Parses and validates one scenario; `file` names it in problems and must match its `id`. */
export function loadScenarioText(text: string, file: string, refs: ScenarioRefs): LoadResult {
  const read = readYaml(text, file);
  if (!read.ok) return { ok: false, problems: sortProblems(read.problems) };
  const { doc, lineCounter, raw } = read;
  const parsed = schemaFor(refs).safeParse(raw, { reportInput: true });
  const found: PathProblem[] = [
    ...(parsed.success ? [] : problemsFromIssues(parsed.error.issues, refs, raw)),
    ...crossCheck(raw, file, refs),
  ];
  if (parsed.success && found.length === 0) return { ok: true, scenario: parsed.data };

  const problems = found.map((problem): Problem => {
    const { line, col } = locate(doc, lineCounter, problem.path, problem.on);
    return { file, line, col, path: formatPath(problem.path), code: problem.code, message: problem.message };
  });
  return { ok: false, problems: sortProblems(problems) };
}

const schemas = new WeakMap<ScenarioRefs, ReturnType<typeof buildScenarioSchema>>();

function schemaFor(refs: ScenarioRefs): ReturnType<typeof buildScenarioSchema> {
  let schema = schemas.get(refs);
  if (!schema) {
    schema = buildScenarioSchema(refs);
    schemas.set(refs, schema);
  }
  return schema;
}

export async function loadScenarioFile(path: string, refs: ScenarioRefs): Promise<LoadResult> {
  return loadScenarioText(await readFile(path, 'utf8'), path, refs);
}

/** Orders by file, then position; path and code break ties so output is stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      compare(a.path, b.path) ||
      compare(a.code, b.code),
  );
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
