import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MergeInputError, mergeDrills } from '../report/merge-drills.ts';
import { renderScorecard } from '../report/scorecard.ts';
import { newRunId } from '../run/run-record.ts';
import { EXIT } from './exit-codes.ts';
import type { RunIo } from './run-command.ts';

export const MERGE_USAGE = `usage: phi-drill merge <drill folders…> [options]
  --out DIR    reports root; the merged drill folder is made inside it (default: reports)
  --json       print the merge as JSON instead of the scorecard
`;

/**
 * `phi-drill merge`: combines the drill folders of a sharded run (one per CI job) into one drill
 * folder with every run verified, one scorecard and one JUnit file. Exit 0 all met and verified,
 * 1 anything missed, late, unverified or a shard missing, 2 bad input.
 */
export async function mergeCommand(argv: string[], io: RunIo): Promise<number> {
  let values: { out?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.stderr.write(`phi-drill merge: ${(error as Error).message}\n${MERGE_USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(MERGE_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) {
    io.stderr.write(`phi-drill merge: give the drill folders to merge\n${MERGE_USAGE}`);
    return EXIT.usage;
  }
  const folder = join(resolve(io.cwd, values.out ?? 'reports'), `${newRunId()}-merged`);
  let result: Awaited<ReturnType<typeof mergeDrills>>;
  try {
    result = await mergeDrills(
      positionals.map((source) => resolve(io.cwd, source)),
      folder,
    );
  } catch (error) {
    if (!(error instanceof MergeInputError)) throw error;
    io.stderr.write(`phi-drill merge: ${error.message}\n`);
    return EXIT.usage;
  }
  if (values.json) {
    const { reports: _reports, ...summary } = result;
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return result.exitCode;
  }
  io.stdout.write(renderScorecard(result.reports, { color: false, unicode: io.isTTY, width: io.columns }));
  const verified = result.runs.filter((run) => run.verified).length;
  io.stdout.write(`\nverification: ${verified} of ${result.runs.length} run folders verified\n`);
  for (const run of result.runs.filter((r) => !r.verified)) {
    io.stdout.write(`  NOT VERIFIED ${run.scenario} (from ${run.source}): ${run.problems.join('; ')}\n`);
  }
  for (const gap of result.gaps) io.stdout.write(`  incomplete: ${gap}\n`);
  io.stdout.write(`merged: ${folder}\n`);
  return result.exitCode;
}
