import { parseArgs } from 'node:util';
import { RealClock } from '../clock/clock.ts';
import { parseDuration } from '../clock/duration.ts';
import { systemTimers } from '../clock/timers.ts';
import type { Registry } from '../registry.ts';
import { formatProblems } from '../scenario/catalog.ts';
import { type SoakReport, soak } from '../soak/soak.ts';
import { soakProgress } from '../soak/soak-progress.ts';
import { renderSoakTable } from '../soak/soak-table.ts';
import { loadTargetFile } from '../target/loader.ts';
import { missingSecrets } from '../target/secrets.ts';
import { EXIT } from './exit-codes.ts';
import { isFile } from './load-scenarios.ts';
import type { RunIo } from './run-command.ts';
import { parseOrExplain, UsageError } from './usage.ts';

export const SOAK_USAGE = `usage: phi-drill soak --target FILE [options]
  --target FILE      the target file whose telemetry sinks receive the traffic (as run --target)
  --duration D       how much of the estate's day to replay: 30m, 6h, 1d (default 1d)
  --speed N          replay N times faster than real time, 1 to 100000 (default 1: a day takes a day)
  --max-events N     stop after N events, however much of the duration is left (default 1000000)
  --max-loss P       percent of a sink's records it may lose before the soak fails (default 0)
  --level L          background traffic: light, normal or heavy (default: the target's, else normal)
  --seed N           population and traffic seed (default 1)
  --patients N       synthetic patients behind the traffic (default 500)
  --json             print the report as JSON instead of a table

Replays the simulated estate's everyday traffic into your pipeline and reports, per sink, what was
delivered, what was lost and the lag (acknowledgement minus event time, p50/p99). Ctrl-C stops the
replay; what was sent still drains and the report is printed.
Exit 0 when no sink lost more than --max-loss, 1 when one did, 2 for bad input, 3 when the set-up failed.
`;

interface SoakArgs {
  targetPath: string;
  durationMs: number;
  speed: number;
  maxEvents: number;
  maxLoss: number;
  level?: 'light' | 'normal' | 'heavy';
  seed: number;
  patients: number;
  json: boolean;
}

/** `phi-drill soak`: background traffic into the user's sinks, with delivery, loss and lag per sink. */
export async function soakCommand(argv: string[], io: RunIo, registry: Registry): Promise<number> {
  const parsed = parseOrExplain('soak', SOAK_USAGE, () => parseSoakArgs(argv), io);
  if (!parsed.ok) return parsed.exitCode;
  const args = parsed.value;
  if (!(await isFile(args.targetPath))) {
    io.stderr.write(`phi-drill soak: --target ${args.targetPath}: no such file; name a target YAML file\n`);
    return EXIT.usage;
  }
  const loaded = await loadTargetFile(args.targetPath, new Set(registry.controls.keys()));
  if (!loaded.ok) {
    for (const line of formatProblems(loaded.problems)) io.stderr.write(`${line}\n`);
    io.stderr.write(`${loaded.problems.length} problem(s) in ${args.targetPath}; nothing was sent\n`);
    return EXIT.usage;
  }
  const target = loaded.target;
  if (target.telemetry.length === 0) {
    io.stderr.write(`phi-drill soak: ${args.targetPath} has no telemetry sinks to soak\n`);
    return EXIT.usage;
  }
  const missing = missingSecrets({ ...target, intakes: [] }, io.env);
  if (missing.length > 0) {
    for (const { variable, usedBy } of missing)
      io.stderr.write(`phi-drill soak: ${variable} is not set (${usedBy}); export it and run again\n`);
    return EXIT.usage;
  }
  const level = args.level ?? target.background.level ?? 'normal';
  if (level === 'off') {
    io.stderr.write('phi-drill soak: the target turns background traffic off; give --level\n');
    return EXIT.usage;
  }
  const clock = new RealClock();
  const progress = soakProgress({
    isTTY: io.isTTY,
    write: (text) => io.stderr.write(text),
    now: () => clock.now(),
  });
  // Ctrl-C ends the replay, not the process: what was sent still drains and the report is printed.
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  let report: SoakReport;
  try {
    report = await soak({
      target,
      clock,
      timers: systemTimers,
      env: io.env,
      seed: args.seed,
      patients: args.patients,
      level,
      durationMs: args.durationMs,
      maxEvents: args.maxEvents,
      speed: args.speed,
      maxLoss: args.maxLoss,
      onProgress: progress.update,
      signal: stop.signal,
    });
  } catch (error) {
    // createSink refuses a host that is not allow-listed, or settings out of range, before any traffic.
    if (error instanceof Error && /^sink \S+: /.test(error.message)) {
      io.stderr.write(`phi-drill soak: ${args.targetPath}: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.stop();
  }
  io.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderSoakTable(report));
  return report.failing.length > 0 ? EXIT.missed : EXIT.ok;
}

export function parseSoakArgs(argv: string[]): SoakArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      duration: { type: 'string' },
      speed: { type: 'string' },
      'max-events': { type: 'string' },
      'max-loss': { type: 'string' },
      level: { type: 'string' },
      seed: { type: 'string' },
      patients: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (!values.target) throw new UsageError('--target FILE is required: the sinks to soak come from it');
  const durationMs = parseDuration(values.duration ?? '1d');
  if (durationMs === undefined || durationMs <= 0)
    throw new UsageError(`--duration takes a duration like 30m, 6h or 1d, got "${values.duration}"`);
  const level = values.level;
  if (level !== undefined && level !== 'light' && level !== 'normal' && level !== 'heavy')
    throw new UsageError(`--level takes light, normal or heavy, got "${level}"`);
  return {
    targetPath: values.target,
    durationMs,
    speed: number('--speed', values.speed, 1, { min: 1, max: 100_000 }),
    maxEvents: integer('--max-events', values['max-events'], 1_000_000, 1),
    maxLoss: number('--max-loss', values['max-loss']?.replace(/%$/, ''), 0, { min: 0, max: 100 }) / 100,
    level,
    seed: integer('--seed', values.seed, 1, 0),
    patients: integer('--patients', values.patients, 500, 10),
    json: values.json ?? false,
  };
}

function number(
  flag: string,
  text: string | undefined,
  fallback: number,
  range: { min: number; max: number },
) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < range.min || value > range.max)
    throw new UsageError(`${flag} takes a number from ${range.min} to ${range.max}, got "${text}"`);
  return value;
}

function integer(flag: string, text: string | undefined, fallback: number, min: number): number {
  const value = number(flag, text, fallback, { min, max: Number.MAX_SAFE_INTEGER });
  if (!Number.isInteger(value)) throw new UsageError(`${flag} takes a whole number, got "${text}"`);
  return value;
}
