import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeCommand } from '../../src/cli/merge-command.ts';
import { type RunIo, runCommand } from '../../src/cli/run-command.ts';
import { verifyCommand } from '../../src/cli/verify-command.ts';
import { createRegistry } from '../../src/registry.ts';

const SCENARIOS = ['scenarios/phi-in-url.yaml', 'scenarios/api-flood.yaml', 'scenarios/queue-remnants.yaml'];
const root = mkdtempSync(join(tmpdir(), 'phi-drill-shard-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function io(): RunIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}

/** Runs into `root/<label>` and returns the drill folder and the JSON reports. */
async function run(label: string, extra: string[]) {
  const output = io();
  const code = await runCommand(
    [...SCENARIOS, '--out', join(root, label), '--jobs', '1', '--json', ...extra],
    output,
    createRegistry(),
  );
  const parsed = JSON.parse(output.out()) as {
    folder: string;
    reports: Array<{ run: { scenarioId: string } }>;
  };
  return { code, ...parsed };
}

/** Scenario → expectation → status, the part of a verdict that must not depend on sharding. */
function verdictsOf(junit: string): string[] {
  return [
    ...junit.matchAll(/<testcase classname="([^"]+)" name="([^"]+)"[^>]*?(\/>|>\s*<(failure|skipped))/g),
  ]
    .map((m) => `${m[1]} ${m[2]} ${m[4] ?? 'met'}`)
    .sort();
}

describe('run --shard i/n and merge', () => {
  let whole: Awaited<ReturnType<typeof run>>;
  let shards: Array<Awaited<ReturnType<typeof run>>>;

  it('the union of the shards, merged, is the unsharded run: same scenarios, same verdicts, verified', async () => {
    whole = await run('whole', []);
    shards = [await run('shards', ['--shard', '1/2']), await run('shards', ['--shard', '2/2'])];
    expect(shards.map((s) => s.reports.length)).toEqual([2, 1]);

    const merged = io();
    const code = await mergeCommand([...shards.map((s) => s.folder), '--out', join(root, 'merged')], merged);
    expect(merged.err()).toBe('');
    expect(code).toBe(whole.code);
    expect(merged.out()).toMatch(/verification: 3 of 3 run folders verified/);
    const folder = /merged: (.+)\n/.exec(merged.out())![1]!;
    const runFolders = (dir: string) =>
      readdirSync(dir)
        .filter((name) => !name.includes('.'))
        .sort();
    expect(runFolders(folder)).toEqual(runFolders(whole.folder));
    const junit = (dir: string) => readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(verdictsOf(junit(folder))).toEqual(verdictsOf(junit(whole.folder)));
    expect(verdictsOf(junit(folder)).length).toBeGreaterThan(10);
    for (const scenario of runFolders(folder)) {
      const verify = io();
      // Intact and complete; signed with a per-run key, so integrity only (no trust file here).
      expect(await verifyCommand([join(folder, scenario)], verify)).toBe(4);
    }
  });

  it('says which shard is missing and exits 1 when one never arrived', async () => {
    const merged = io();
    const code = await mergeCommand([shards[0]!.folder, '--out', join(root, 'partial')], merged);
    expect(code).toBe(1);
    expect(merged.out()).toMatch(/incomplete: shard 2\/2 is missing/);
    expect(merged.out()).toMatch(/incomplete: not run: phi-in-url/);
  });

  it('does not verify a merge when a shard’s ledger was edited', async () => {
    const scenario = shards[1]!.reports[0]!.run.scenarioId;
    appendFileSync(join(shards[1]!.folder, scenario, 'ledger.jsonl'), '{"kind":"forged"}\n');
    const merged = io();
    const code = await mergeCommand(
      [...shards.map((s) => s.folder), '--out', join(root, 'tampered')],
      merged,
    );
    expect(code).toBe(1);
    expect(merged.out()).toMatch(new RegExp(`NOT VERIFIED ${scenario}`));
  });

  it('refuses the same shard twice, shards of another split, and a bad --shard', async () => {
    const twice = io();
    expect(await mergeCommand([shards[0]!.folder, shards[0]!.folder], twice)).toBe(2);
    expect(twice.err()).toMatch(/in both/);
    const mixed = io();
    expect(await mergeCommand([shards[0]!.folder, whole.folder], mixed)).toBe(2);
    expect(mixed.err()).toMatch(/mix of sharded and unsharded|in both/);
    const bad = io();
    expect(await runCommand([...SCENARIOS, '--shard', '3/2'], bad, createRegistry())).toBe(2);
    expect(bad.err()).toMatch(/--shard takes i\/n/);
  });
});
