import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Registry } from '../registry.ts';
import { listScenarioFiles } from '../scenario/catalog.ts';
import { loadScenarioText } from '../scenario/loader.ts';
import type { Problem } from '../scenario/problem.ts';
import type { Scenario } from '../scenario/types.ts';

export interface LoadedScenario {
  scenario: Scenario;
  /** As given, relative to the working folder when inside it. */
  file: string;
  text: string;
}

/** Scenario files and folders (their `*.yaml`), each loaded once; every problem collected, nothing run. */
export async function loadScenarios(
  paths: string[],
  cwd: string,
  registry: Registry,
): Promise<{
  scenarios: LoadedScenario[];
  problems: Problem[];
  missing: string[];
}> {
  const files: string[] = [];
  const missing: string[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const full = resolve(cwd, path);
    const info = await stat(full).catch(() => undefined);
    if (!info) {
      missing.push(path);
    } else if (info.isDirectory()) {
      files.push(...(await listScenarioFiles(full)));
    } else {
      files.push(full);
    }
  }
  const scenarios: LoadedScenario[] = [];
  for (const file of new Set(files)) {
    const text = await readFile(file, 'utf8');
    const relative = file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
    const result = loadScenarioText(text, relative, registry.refs);
    if (result.ok) scenarios.push({ scenario: result.scenario, file: relative, text });
    else problems.push(...result.problems);
  }
  return { scenarios, problems, missing };
}

/** A loaded scenario by catalog id or by the file it came from. */
export function findScenario(
  scenarios: readonly LoadedScenario[],
  wanted: string,
): LoadedScenario | undefined {
  return scenarios.find(
    ({ scenario, file }) => scenario.id === wanted || file === wanted || resolve(file) === resolve(wanted),
  );
}

export function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
