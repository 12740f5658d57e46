import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
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

/**
 * `run`'s arguments: files and folders as they are, anything else a scenario id looked up in the
 * catalog folder (as `msel` and `tabletop` take ids); none means the whole catalog.
 */
export async function resolveScenarioArgs(
  args: readonly string[],
  catalog: string,
  cwd: string,
  registry: Registry,
): Promise<Awaited<ReturnType<typeof loadScenarios>> & { knownIds: string[] }> {
  if (args.length === 0) return { ...(await loadScenarios([catalog], cwd, registry)), knownIds: [] };
  const paths: string[] = [];
  const ids: string[] = [];
  for (const arg of args) {
    const exists = await stat(resolve(cwd, arg)).then(
      () => true,
      () => false,
    );
    (exists ? paths : ids).push(arg);
  }
  const direct = await loadScenarios(paths, cwd, registry);
  if (ids.length === 0) return { ...direct, knownIds: [] };
  const all = await loadScenarios([catalog], cwd, registry);
  const knownIds = all.scenarios.map(({ scenario }) => scenario.id).sort();
  const picked = all.scenarios.filter(({ scenario }) => ids.includes(scenario.id));
  // An id whose file does not load shows that file's problems; problems elsewhere in the catalog
  // do not block the scenarios asked for.
  const broken = all.problems.filter((p) => ids.includes(basename(p.file, extname(p.file))));
  const brokenIds = new Set(broken.map((p) => basename(p.file, extname(p.file))));
  const pickedIds = new Set(picked.map(({ scenario }) => scenario.id));
  const missing = ids.filter((id) => !pickedIds.has(id) && !brokenIds.has(id));
  const directFiles = new Set(direct.scenarios.map(({ file }) => file));
  return {
    scenarios: [...direct.scenarios, ...picked.filter(({ file }) => !directFiles.has(file))],
    problems: [...direct.problems, ...broken],
    missing: [...direct.missing, ...missing],
    knownIds,
  };
}
