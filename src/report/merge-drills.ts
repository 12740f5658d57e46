import { cp, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileDurably } from '../evidence/durable-write.ts';
import { verifyRunFolder } from '../evidence/verify.ts';
import { SHARD_FILE, type ShardRecord, shardRecordSchema } from '../scenario/shard.ts';
import { renderJunit } from './junit.ts';
import { buildReport, type RunReport } from './model.ts';

/** Bad input to a merge: nothing was written. */
export class MergeInputError extends Error {
  override name = 'MergeInputError';
}

export interface MergedRun {
  scenario: string;
  /** Drill folder it came from. */
  source: string;
  verified: boolean;
  problems: string[];
  exitCode: number;
}

export interface MergeResult {
  folder: string;
  runs: MergedRun[];
  reports: RunReport[];
  /** Shards or catalog scenarios that did not arrive, in words. */
  gaps: string[];
  /** 0 every run met and verified, 1 anything missed, late, unverified or missing. */
  exitCode: number;
}

/**
 * Combines drill folders (typically the shards of one catalog, from parallel CI jobs) into one: each
 * run folder is copied byte for byte, verified where it now lies, and its report rebuilt from the
 * verified ledger (never from a report file that could have been edited); then one JUnit file and
 * `merge.json` are written. Shards are checked against each other: same catalog, same count, none
 * missing, no scenario twice.
 */
export async function mergeDrills(sources: readonly string[], folder: string): Promise<MergeResult> {
  if (sources.length === 0) throw new MergeInputError('give at least one drill folder to merge');
  const inputs = await Promise.all(sources.map(readDrillFolder));
  const seen = new Map<string, string>();
  for (const input of inputs) {
    for (const run of input.runs) {
      const other = seen.get(run);
      if (other) throw new MergeInputError(`scenario ${run} is in both ${other} and ${input.source}`);
      seen.set(run, input.source);
    }
  }
  const gaps = shardGaps(inputs, new Set(seen.keys()));

  await mkdir(folder, { recursive: true });
  const runs: MergedRun[] = [];
  const reports: RunReport[] = [];
  for (const [scenario, source] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const target = join(folder, scenario);
    await cp(join(source, scenario), target, { recursive: true, errorOnExist: true, force: false });
    const verification = await verifyRunFolder(target);
    const report = buildReport(verification.entries, {
      finalHash: verification.finalHash,
      signature:
        verification.signed && verification.keyOrigin && verification.publicKeyFingerprint
          ? { keyOrigin: verification.keyOrigin, publicKeyFingerprint: verification.publicKeyFingerprint }
          : null,
    });
    reports.push(report);
    runs.push({
      scenario,
      source,
      verified: verification.ok && verification.signed,
      problems:
        verification.ok && !verification.signed ? ['the ledger is not signed'] : verification.problems,
      // A run that never finished proves nothing: count it as missed.
      exitCode: report.finished?.exitCode ?? 1,
    });
  }
  const exitCode = Math.max(
    0,
    ...runs.map((run) => (run.verified ? run.exitCode : 1)),
    gaps.length > 0 ? 1 : 0,
  );
  writeFileDurably(join(folder, 'junit.xml'), renderJunit(reports));
  const summary = {
    merged: inputs.map(({ source, shard }) => ({
      source,
      shard: shard ? `${shard.shard}/${shard.of}` : null,
    })),
    runs,
    gaps,
    exitCode,
  };
  writeFileDurably(join(folder, 'merge.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return { folder, runs, reports, gaps, exitCode };
}

interface DrillInput {
  source: string;
  shard: ShardRecord | undefined;
  /** Scenario ids: the sub-folders holding a ledger. */
  runs: string[];
}

async function readDrillFolder(source: string): Promise<DrillInput> {
  const entries = await readdir(source, { withFileTypes: true }).catch(() => {
    throw new MergeInputError(`${source}: not a folder`);
  });
  const runs: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const ledger = await stat(join(source, entry.name, 'ledger.jsonl')).catch(() => undefined);
    if (ledger?.isFile()) runs.push(entry.name);
  }
  let shard: ShardRecord | undefined;
  const shardText = await readFile(join(source, SHARD_FILE), 'utf8').catch(() => undefined);
  if (shardText !== undefined) {
    let parsed: ReturnType<typeof shardRecordSchema.safeParse>;
    try {
      parsed = shardRecordSchema.safeParse(JSON.parse(shardText));
    } catch {
      throw new MergeInputError(`${join(source, SHARD_FILE)}: not JSON`);
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new MergeInputError(
        `${join(source, SHARD_FILE)}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      );
    }
    shard = parsed.data;
  }
  if (runs.length === 0 && shard === undefined) {
    throw new MergeInputError(
      `${source}: no run folders (sub-folders with a ledger.jsonl) and no ${SHARD_FILE}`,
    );
  }
  return { source: source.replace(/\/+$/, '') || basename(source), shard, runs: runs.sort() };
}

/** What a set of shards lacks to be the whole catalog; mismatched shards are bad input. */
function shardGaps(inputs: readonly DrillInput[], present: ReadonlySet<string>): string[] {
  const sharded = inputs.filter((input) => input.shard !== undefined);
  if (sharded.length === 0) return [];
  if (sharded.length !== inputs.length) {
    throw new MergeInputError('mix of sharded and unsharded drill folders: merge the shards of one run');
  }
  const first = sharded[0]!.shard!;
  const indexes = new Map<number, string>();
  for (const { source, shard } of sharded) {
    if (shard!.of !== first.of || shard!.catalog.join('\n') !== first.catalog.join('\n')) {
      throw new MergeInputError(
        `${source} is shard ${shard!.shard}/${shard!.of} of a different catalog or split`,
      );
    }
    const other = indexes.get(shard!.shard);
    if (other)
      throw new MergeInputError(`${source} and ${other} are both shard ${shard!.shard}/${shard!.of}`);
    indexes.set(shard!.shard, source);
  }
  const gaps: string[] = [];
  for (let index = 1; index <= first.of; index++) {
    if (!indexes.has(index)) gaps.push(`shard ${index}/${first.of} is missing`);
  }
  const notRun = first.catalog.filter((id) => !present.has(id));
  if (notRun.length > 0) gaps.push(`not run: ${notRun.join(', ')}`);
  return gaps;
}
