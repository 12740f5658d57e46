import { stat } from 'node:fs/promises';
import { formatProblems, listScenarioFiles } from '../scenario/catalog.ts';
import { loadScenarioFile } from '../scenario/loader.ts';
import type { Problem } from '../scenario/problem.ts';
import type { ScenarioRefs } from '../scenario/refs.ts';

export interface CommandIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export const VALIDATE_USAGE = 'usage: phi-drill validate <files or dirs…> [--json]\n';

/**
 * `phi-drill validate`: checks scenario files (directories contribute their `*.yaml`), printing
 * every located problem and a summary. Exit code 0 when all are valid, 2 on any problem or when
 * there is nothing to check.
 */
export async function validateCommand(argv: string[], io: CommandIo, refs: ScenarioRefs): Promise<number> {
  const json = argv.includes('--json');
  const unknownFlag = argv.find((arg) => arg.startsWith('-') && arg !== '--json');
  if (unknownFlag) {
    io.stderr.write(`unknown option ${unknownFlag}\n${VALIDATE_USAGE}`);
    return 2;
  }
  const targets = argv.filter((arg) => arg !== '--json');
  if (targets.length === 0) {
    io.stderr.write(`no scenario files given\n${VALIDATE_USAGE}`);
    return 2;
  }

  const files: string[] = [];
  for (const target of targets) {
    const found = await expand(target);
    if (typeof found === 'string') {
      io.stderr.write(`${found}\n`);
      return 2;
    }
    files.push(...found);
  }
  if (files.length === 0) {
    io.stderr.write(`no *.yaml files found in ${targets.join(', ')}\n`);
    return 2;
  }

  const results: Array<{ file: string; ok: boolean; id?: string }> = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const result = await loadScenarioFile(file, refs);
    if (result.ok) results.push({ file, ok: true, id: result.scenario.id });
    else {
      results.push({ file, ok: false });
      problems.push(...result.problems);
    }
  }

  const invalid = results.filter((result) => !result.ok).length;
  const summary = `${files.length} ${plural(files.length, 'file')} checked: ${files.length - invalid} valid, ${invalid} invalid, ${problems.length} ${plural(problems.length, 'problem')}`;
  if (json) {
    io.stdout.write(`${JSON.stringify({ ok: problems.length === 0, files: results, problems }, null, 2)}\n`);
  } else {
    for (const line of formatProblems(problems)) io.stdout.write(`${line}\n`);
    io.stdout.write(`${summary}\n`);
  }
  return problems.length === 0 ? 0 : 2;
}

/** A file stays itself, a directory becomes its scenario files; a message when neither exists. */
async function expand(target: string): Promise<string[] | string> {
  try {
    const info = await stat(target);
    return info.isDirectory() ? await listScenarioFiles(target) : [target];
  } catch {
    return `cannot read ${target}`;
  }
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
