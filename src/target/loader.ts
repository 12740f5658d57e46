import { readFile } from 'node:fs/promises';
import { problemsFromIssues } from '../scenario/issues.ts';
import { sortProblems } from '../scenario/loader.ts';
import { locate } from '../scenario/locate.ts';
import { formatPath, type PathProblem, type Problem } from '../scenario/problem.ts';
import { readYaml } from '../scenario/read-yaml.ts';
import { crossCheckTarget } from './cross-check.ts';
import { type Target, targetSchema } from './schema.ts';

export type TargetLoadResult = { ok: true; target: Target } | { ok: false; problems: Problem[] };

const NO_REFS = { injectors: [], controls: [], trails: [] };

/** Parses and validates a target file; every problem is located (file:line:col and field path). */
export function loadTargetText(
  text: string,
  file: string,
  controlIds: ReadonlySet<string>,
): TargetLoadResult {
  const read = readYaml(text, file);
  if (!read.ok) return { ok: false, problems: sortProblems(read.problems) };
  const { doc, lineCounter, raw } = read;
  const parsed = targetSchema.safeParse(raw, { reportInput: true });
  const found: PathProblem[] = parsed.success
    ? crossCheckTarget(parsed.data, controlIds)
    : problemsFromIssues(parsed.error.issues, NO_REFS, raw);
  if (parsed.success && found.length === 0) return { ok: true, target: parsed.data };
  return {
    ok: false,
    problems: sortProblems(
      found.map((problem) => {
        const { line, col } = locate(doc, lineCounter, problem.path, problem.on);
        return {
          file,
          line,
          col,
          path: formatPath(problem.path),
          code: problem.code,
          message: problem.message,
        };
      }),
    ),
  };
}

export async function loadTargetFile(
  path: string,
  controlIds: ReadonlySet<string>,
): Promise<TargetLoadResult> {
  return loadTargetText(await readFile(path, 'utf8'), path, controlIds);
}
