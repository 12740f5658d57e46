import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { elapsedMs, RealClock, VirtualClock } from '../clock/clock.ts';
import { systemTimers } from '../clock/timers.ts';
import type { Signal } from '../controls/signal.ts';
import type { LedgerEntry } from '../evidence/entries.ts';
import { Ledger } from '../evidence/ledger.ts';
import { loadSigningKey } from '../evidence/signing-key.ts';
import type { Registry } from '../registry.ts';
import { buildReport, evidenceFromKey, type RunReport } from '../report/model.ts';
import { writeReports } from '../report/write.ts';
import type { Scenario } from '../scenario/types.ts';
import { applyTarget } from '../target/apply.ts';
import { attachTarget } from '../target/attach.ts';
import type { Target } from '../target/schema.ts';
import { witnessLedger } from '../target/witness.ts';
import type { Monitoring } from '../telemetry/delivery/monitoring.ts';
import { executePlan } from './execute.ts';
import { createHold, type HoldOptions } from './hold.ts';
import { type Plan, planScenario } from './plan.ts';
import { closeRunInfra, openRunInfra, type RunInfraOptions } from './run-infra.ts';
import { recordRunFinish, recordRunStart, recordTelemetry } from './run-record.ts';
import { TelemetryFile, type TelemetryPolicy } from './telemetry-file.ts';

export interface RunScenarioOptions {
  scenario: Scenario;
  scenarioFile: string;
  scenarioText: string;
  registry: Registry;
  /** Folder this run writes into (created; must not hold a ledger yet). */
  folder: string;
  disabledControls?: readonly string[];
  seed?: number;
  patients?: number;
  /** Replaces the scenario's monitoring (a matrix column, a what-if). */
  monitoring?: Monitoring;
  confirmations?: ReadonlyMap<string, { offsetMs: number; by: string }>;
  clock?: 'virtual' | 'real';
  env?: Readonly<Record<string, string | undefined>>;
  onSignal?(signal: Signal): void;
  /**
   * Drill the user's own stack: telemetry to their sinks, alerts and notices from their intakes, on
   * the real clock, with the target's timeline, SLAs and disabled built-in controls.
   */
  target?: Target;
  /** The plan, once made (live progress needs its windows). */
  onPlan?(plan: Plan): void;
  /** Each ledger entry as it is written (live progress). */
  onEntry?(entry: LedgerEntry): void;
  /** Where each of the target's intakes listens, once it is up. */
  onIntakeReady?(id: string, where: Record<string, string | number>): void;
  /** What becomes of the telemetry file (default `full`: kept as written, complete evidence). */
  telemetry?: TelemetryPolicy;
  /** The data plane on real servers; default in memory. */
  infra?: RunInfraOptions;
  /**
   * `--hold` (with `infra`): the drill runs on its own clock until a leak reaches the real servers,
   * then holds it there in real time for the user's scanners, whose alerts come through the target's
   * intakes.
   */
  hold?: HoldOptions;
}

export interface RunScenarioResult {
  report: RunReport;
  folder: string;
  /** 0 when every judged expectation was met, 1 when any was missed or late. */
  exitCode: 0 | 1;
}

/**
 * One scenario, end to end: plan, execute with every step in the ledger, judge, sign, and write the
 * reports, all into `folder`. If execution throws, what was recorded so far stays verifiable.
 */
export async function runScenario(options: RunScenarioOptions): Promise<RunScenarioResult> {
  const began = elapsedMs();
  const { registry, folder, target } = options;
  const real = options.clock === 'real' || (target !== undefined && options.hold === undefined);
  const realClock = new RealClock();
  // On the real clock the timeline starts now; the target may shorten it and replace SLAs.
  const targeted = target ? applyTarget(options.scenario, target) : options.scenario;
  const scenario = real ? retimed(targeted, realClock.now()) : targeted;
  const plan = planScenario(scenario, {
    controlIds: [...registry.controls.keys()],
    disabledControls: [...(options.disabledControls ?? []), ...(target?.disableControls ?? [])],
    seed: options.seed,
    patients: options.patients,
    monitoring: options.monitoring,
    // Where an outside stack reports alerts, its ids must not be guessable; virtual runs stay reproducible.
    correlationNonce: real ? randomBytes(12).toString('base64url') : undefined,
    breachCompression: target?.breachClock.compress,
    backgroundScale: target?.background.scale,
    realClock: real,
  });
  options.onPlan?.(plan);
  const clock = real ? realClock : new VirtualClock(plan.start);
  // Before anything is recorded: a run whose evidence cannot be signed as asked does not start.
  const key = loadSigningKey(options.env ?? process.env);
  const ledger = Ledger.open(folder);
  if (options.onEntry) ledger.onAppend(options.onEntry);
  const runId = recordRunStart(ledger, plan, {
    scenarioFile: options.scenarioFile,
    scenarioText: options.scenarioText,
    clock: clock.kind,
    now: clock.now(),
  });
  const policy = options.telemetry ?? 'full';
  const telemetryName = policy === 'gzip' ? 'telemetry.jsonl.gz' : 'telemetry.jsonl';
  const telemetry = new TelemetryFile(join(folder, telemetryName), 'create', { gzip: policy === 'gzip' });
  let verdicts: Awaited<ReturnType<typeof executePlan>>['verdicts'] = [];
  const dataPlane = options.infra ? await openRunInfra(options.infra, runId, ledger, clock) : undefined;
  const hold = dataPlane && options.hold ? createHold(options.hold, dataPlane, clock, ledger) : undefined;
  try {
    const result = await executePlan(plan, {
      registry,
      clock,
      ledger,
      telemetry,
      confirmations: options.confirmations,
      onSignal: options.onSignal,
      attach: target
        ? attachTarget(target, {
            runFolder: folder,
            env: options.env ?? process.env,
            timers: systemTimers,
            onIntakeReady: options.onIntakeReady,
          })
        : undefined,
      surface: target?.correlation.surface,
      dataPlane,
      hold,
    });
    verdicts = result.verdicts;
    for (const verdict of verdicts) ledger.append({ kind: 'verdict', at: clock.now(), verdict });
  } finally {
    if (dataPlane) await closeRunInfra(dataPlane, ledger, clock);
    recordTelemetry(ledger, telemetry, clock.now(), telemetryName, policy === 'drop-passing');
  }
  if (target) {
    const env = options.env ?? process.env;
    await witnessLedger({
      target,
      ledger,
      keyFingerprint: key.fingerprint,
      clock,
      timers: systemTimers,
      env,
    });
  }
  const { exitCode } = recordRunFinish(ledger, verdicts, clock.now(), elapsedMs() - began);
  ledger.close();
  // The ledger still pins the file's hash and event counts; verify accepts its absence only for a
  // passing run whose ledger recorded this policy.
  if (policy === 'drop-passing' && exitCode === 0) rmSync(join(folder, telemetryName), { force: true });
  const report = buildReport(ledger.entries(), evidenceFromKey(ledger.head, key));
  writeReports(folder, report);
  ledger.sign(key);
  return { report, folder, exitCode };
}

/** The scenario's timeline moved to start at `now` (real-clock runs happen today). */
function retimed(scenario: Scenario, now: number): Scenario {
  return { ...scenario, estate: { ...scenario.estate, start: now, startText: new Date(now).toISOString() } };
}
