import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/cli/run-command.ts';
import { createRegistry } from '../../src/registry.ts';
import { SERVICE_ENV_VARS } from './service-env.ts';

export interface RunOutcome {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
}

/** A temp folder, removed by the returned function. */
export async function tempFolder(label: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `phi-drill-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** `phi-drill run …` in this process, with the services' URLs in its environment. */
export async function run(
  args: string[],
  out: string,
  env: Record<string, string> = {},
): Promise<RunOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(
    [...args, '--out', out],
    {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      isTTY: false,
      env: { ...process.env, NO_COLOR: '1', ...SERVICE_ENV_VARS, ...env },
      cwd: process.cwd(),
    },
    createRegistry(),
  );
  return { code, stdout, stderr, out };
}

/** Each verdict as `status after latency`, by scenario and expectation id, from `--json` output. */
export function verdictsOf(stdout: string): Record<string, string> {
  const parsed = JSON.parse(stdout) as {
    reports: Array<{
      run: { scenarioId: string };
      verdicts: Array<{ expectationId: string; status: string; latencyMs?: number }>;
    }>;
  };
  const verdicts: Record<string, string> = {};
  for (const report of parsed.reports)
    for (const verdict of report.verdicts)
      verdicts[`${report.run.scenarioId}/${verdict.expectationId}`] =
        `${verdict.status} after ${verdict.latencyMs ?? '-'}ms`;
  return verdicts;
}

/** The ledger entries of one run folder. */
export async function ledgerOf(folder: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(join(folder, 'ledger.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A catalog scenario's text with some lines replaced (a detect expectation pointed at another control). */
export async function scenarioVariant(
  folder: string,
  id: string,
  replace: Array<[string, string]>,
): Promise<string> {
  let text = await readFile(join('scenarios', `${id}.yaml`), 'utf8');
  for (const [from, to] of replace) {
    if (!text.includes(from)) throw new Error(`${id}.yaml has no "${from}"`);
    text = text.replace(from, to);
  }
  const path = join(folder, `${id}.yaml`);
  await writeFile(path, text);
  return path;
}
