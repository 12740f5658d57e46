import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { wallClockIso } from '../clock/clock.ts';
import { parseDuration } from '../clock/duration.ts';
import { writeFileDurably } from '../evidence/durable-write.ts';
import type { Registry } from '../registry.ts';
import type { RunReport } from '../report/model.ts';
import { renderScorecard } from '../report/scorecard.ts';
import { closeDrill } from '../run/close-drill.ts';
import { drillMany } from '../run/drill-many.ts';
import { type DrillJob, defaultJobs } from '../run/parallel.ts';
import { pruneDrillFolders } from '../run/prune-drills.ts';
import type { RunInfraOptions } from '../run/run-infra.ts';
import { newRunId } from '../run/run-record.ts';
import { TELEMETRY_POLICIES, type TelemetryPolicy } from '../run/telemetry-file.ts';
import { formatProblems } from '../scenario/catalog.ts';
import { MAX_ESTATE_PATIENTS, MIN_ESTATE_PATIENTS } from '../scenario/schema.ts';
import { parseShard, pickShard, SHARD_FILE, type Shard, type ShardRecord } from '../scenario/shard.ts';
import { unknownConfirmations } from './confirmations.ts';
import { withDrillFolder } from './drill-folder.ts';
import { EXIT } from './exit-codes.ts';
import { mergeInfra, targetInfraSection } from './infra-from-files.ts';
import { INFRA_USAGE, parseHold, setUpInfra } from './infra-options.ts';
import { resolveScenarioArgs } from './load-scenarios.ts';
import { heapShortfall } from './population-heap.ts';
import { runAgainstTarget } from './run-target.ts';

export interface RunIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  isTTY: boolean;
  /** Terminal width, when on a terminal. */
  columns?: number;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export const RUN_USAGE = `usage: phi-drill run [scenario ids, files or dirs…] [options]
  --scenarios DIR          the catalog scenario ids are looked up in (default: scenarios)
  --seed N                 override every scenario's seed
  --patients N             override the population size (10 to 1000000)
  --disable-control ID     switch a control off (repeatable)
  --confirm ID@OFFSET[=BY] record a manual expectation's confirmation OFFSET after its inject (repeatable)
  --out DIR                reports root (default: reports)
  --jobs N                 scenarios drilled at once, here and on worker threads (default: one per core)
  --shard I/N              run only shard I of N of the scenarios (one CI job each); combine with merge
  --telemetry POLICY       full (default: every event, complete evidence), gzip, or drop-passing
  --retain N               after the run, keep only the newest N drill folders under --out
  --target FILE            drill your own stack in real time: telemetry to your sinks, alerts from your intakes
  --plan                   with --target: print what would be sent where and listened on, run nothing
  --json                   print the reports as JSON instead of the scorecard
  --no-color               plain scorecard
  --debug                  print the stack trace of an unexpected failure

${INFRA_USAGE}
exit codes: 0 all met · 1 any missed or late · 2 bad input · 3 operational failure (see phi-drill --help)
`;

/**
 * `phi-drill run`: validates every scenario first (any problem: located errors, exit 2, nothing run),
 * then runs each into its own folder under one drill folder and prints the scorecard.
 * Exit 0 all met, 1 any missed or late, 2 bad input, 3 operational failure (nothing half-created).
 */
export async function runCommand(argv: string[], io: RunIo, registry: Registry): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    io.stderr.write(`phi-drill run: ${(error as Error).message}\n${RUN_USAGE}`);
    return EXIT.usage;
  }
  const bad = (message: string) => {
    io.stderr.write(`phi-drill run: ${message}\n${RUN_USAGE}`);
    return EXIT.usage;
  };
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    return bad(`--seed must be an integer, got "${values.seed}"`);
  const patients = values.patients === undefined ? undefined : Number(values.patients);
  const inRange = (n: number) => Number.isInteger(n) && n >= MIN_ESTATE_PATIENTS && n <= MAX_ESTATE_PATIENTS;
  if (patients !== undefined && !inRange(patients)) {
    return bad(
      `--patients must be an integer from ${MIN_ESTATE_PATIENTS} to ${MAX_ESTATE_PATIENTS}, got "${values.patients}"`,
    );
  }
  const jobCount = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobCount !== undefined && !(Number.isInteger(jobCount) && jobCount >= 1 && jobCount <= 64)) {
    return bad(`--jobs must be an integer from 1 to 64, got "${values.jobs}"`);
  }
  const disabled = values['disable-control'] ?? [];
  const unknown = disabled.filter((id) => !registry.controls.has(id));
  if (unknown.length > 0) {
    return bad(`unknown control "${unknown[0]}"; registered: ${[...registry.controls.keys()].join(', ')}`);
  }
  const confirmations = new Map<string, { offsetMs: number; by: string }>();
  for (const text of values.confirm ?? []) {
    const match = /^([a-z0-9-]+)@([^=]+)(?:=(.+))?$/.exec(text);
    const offsetMs = match ? parseDuration(match[2]!) : undefined;
    if (!match || offsetMs === undefined)
      return bad(`--confirm takes ID@OFFSET[=BY], e.g. privacy-briefed@30m, got "${text}"`);
    confirmations.set(match[1]!, { offsetMs, by: match[3] ?? 'facilitator' });
  }

  const catalog = values.scenarios ?? 'scenarios';
  const loaded = await resolveScenarioArgs(positionals, catalog, io.cwd, registry);
  if (loaded.missing.length > 0) {
    return bad(
      `no scenario file, folder or id "${loaded.missing[0]}" (ids in ${catalog}: ${loaded.knownIds.join(', ') || 'none'})`,
    );
  }
  if (loaded.problems.length > 0) {
    for (const line of formatProblems(loaded.problems)) io.stderr.write(`${line}\n`);
    io.stderr.write(`${loaded.problems.length} problem(s); nothing was run\n`);
    return EXIT.usage;
  }
  if (loaded.scenarios.length === 0) return bad('no scenario files found');
  const unconfirmable = unknownConfirmations([...confirmations.keys()], loaded.scenarios);
  if (unconfirmable) return bad(unconfirmable);

  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard && 'error' in shard) return bad(shard.error);
  const telemetry = (values.telemetry ?? 'full') as TelemetryPolicy;
  if (!TELEMETRY_POLICIES.includes(telemetry)) {
    return bad(`--telemetry takes ${TELEMETRY_POLICIES.join(', ')}, got "${values.telemetry}"`);
  }
  const retain = values.retain === undefined ? undefined : Number(values.retain);
  if (retain !== undefined && !(Number.isInteger(retain) && retain >= 1)) {
    return bad(`--retain takes a positive integer, got "${values.retain}"`);
  }

  if (values.plan && !values.target) return bad('--plan needs --target');
  const largest = Math.max(...loaded.scenarios.map(({ scenario }) => patients ?? scenario.estate.patients));
  const shortfall = values.target ? undefined : heapShortfall(largest);
  if (shortfall) {
    io.stderr.write(`${shortfall}\n`);
    return EXIT.operational;
  }
  const reportsRoot = resolve(io.cwd, values.out ?? 'reports');
  const runId = newRunId();
  const drillFolder = join(reportsRoot, runId);
  if (shard) {
    const catalog = loaded.scenarios.map(({ scenario }) => scenario.id);
    loaded.scenarios = pickShard(loaded.scenarios, ({ scenario }) => scenario.id, shard);
    await withDrillFolder(drillFolder, async () => EXIT.ok); // an unwritable --out fails here, in one line
    writeShardRecord(
      drillFolder,
      shard,
      catalog,
      loaded.scenarios.map(({ scenario }) => scenario.id),
    );
    if (loaded.scenarios.length === 0) {
      closeDrill(drillFolder, [], EXIT.ok, io.env);
      io.stdout.write(
        `shard ${values.shard}: no scenarios (the catalog has ${catalog.length}); evidence: ${drillFolder}\n`,
      );
      return EXIT.ok;
    }
  }
  const targetInfra = values.target ? await targetInfraSection(values.target, registry) : undefined;
  // A target file that does not load is reported, located, before anything connects anywhere.
  const merged =
    targetInfra === 'invalid'
      ? { ok: true as const, flags: {} }
      : mergeInfra(
          values,
          loaded.scenarios.map(({ scenario }) => scenario),
          targetInfra,
        );
  if (!merged.ok) return bad(merged.error);
  const held =
    targetInfra === 'invalid'
      ? { ok: true as const, hold: undefined }
      : parseHold(values.hold, { ...values, infra: merged.flags.infra });
  if (!held.ok) return bad(held.error);
  const hold = held.hold;
  const infra = values.plan
    ? await setUpInfra({}, io.env, 0)
    : await setUpInfra(merged.flags, io.env, loaded.scenarios.length);
  if (!infra.ok) {
    io.stderr.write(`${infra.error}; nothing was run\n`);
    return EXIT.usage;
  }
  try {
    return await drillWith(infra.infra);
  } finally {
    await infra.stop();
  }

  async function drillWith(infraOptions: RunInfraOptions | undefined): Promise<number> {
    if (values.target) {
      return runAgainstTarget({
        targetPath: values.target,
        scenarios: loaded.scenarios,
        registry,
        io,
        planOnly: values.plan ?? false,
        drillFolder,
        disabledControls: disabled,
        seed,
        patients,
        json: values.json ?? false,
        infra: infraOptions,
        hold,
      });
    }
    return withDrillFolder(drillFolder, async () => {
      const jobs: DrillJob[] = loaded.scenarios.map(({ scenario, file, text }, index) => ({
        index,
        file,
        text,
        folder: join(drillFolder, scenario.id),
        disabledControls: disabled,
        seed,
        patients,
        confirmations: [...confirmations],
        telemetry,
        infra: infraOptions,
      }));
      // On a terminal, one live line for the whole drill; in CI the scorecard alone (plain lines).
      const progress = (text: string) => {
        if (io.isTTY) io.stderr.write(`\r\u001b[2K${text}`);
      };
      let finished = 0;
      const outcomes = await drillMany(jobs, {
        workers: jobCount ?? defaultJobs(jobs.length),
        registry,
        env: io.env,
        onMessage(message) {
          const id = loaded.scenarios[message.index]!.scenario.id;
          if (message.kind === 'done') finished += 1;
          const last =
            message.kind === 'signal'
              ? `${id}: ${message.signal.control}/${message.signal.rule}`
              : `${id} done`;
          progress(`[${finished}/${jobs.length}] ${last}`);
        },
      });
      const reports: RunReport[] = outcomes.map((outcome) => outcome.report);
      const exitCode = Math.max(0, ...outcomes.map((outcome) => outcome.exitCode));
      progress('');
      closeDrill(drillFolder, reports, exitCode, io.env);
      const pruned = retain === undefined ? [] : pruneDrillFolders(reportsRoot, retain, runId);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ folder: drillFolder, exitCode, reports }, null, 2)}\n`);
      } else {
        const color = io.isTTY && !values['no-color'] && io.env.NO_COLOR === undefined;
        io.stdout.write(renderScorecard(reports, { color, unicode: io.isTTY, width: io.columns }));
        io.stdout.write(`\nevidence: ${drillFolder} (${wallClockIso()})\n`);
        if (pruned.length > 0) io.stdout.write(`retention: deleted ${pruned.length} older drill folder(s)\n`);
      }
      return exitCode;
    });
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      seed: { type: 'string' },
      patients: { type: 'string' },
      'disable-control': { type: 'string', multiple: true },
      confirm: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      jobs: { type: 'string' },
      target: { type: 'string' },
      plan: { type: 'boolean' },
      scenarios: { type: 'string' },
      shard: { type: 'string' },
      telemetry: { type: 'string' },
      retain: { type: 'string' },
      infra: { type: 'string' },
      'infra-namespace': { type: 'string' },
      'infra-allow-foreign': { type: 'boolean' },
      hold: { type: 'string' },
      'hold-on': { type: 'string' },
    },
  });
}

/** `shard.json` first, so even a shard that dies mid-run says which part of which catalog it was. */
function writeShardRecord(drillFolder: string, shard: Shard, catalog: string[], scenarios: string[]): void {
  mkdirSync(drillFolder, { recursive: true });
  const record: ShardRecord = {
    shard: shard.index,
    of: shard.total,
    catalog: [...catalog].sort(),
    scenarios,
  };
  writeFileDurably(join(drillFolder, SHARD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}
