import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { elapsedMs, RealClock, VirtualClock, wallClockIso } from '../clock/clock.ts';
import type { Signal } from '../controls/signal.ts';
import { countVerdicts, type JsonValue } from '../evidence/entries.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { Registry } from '../registry.ts';
import { buildReport, evidenceFromSignature, type RunReport } from '../report/model.ts';
import { writeReports } from '../report/write.ts';
import type { Scenario } from '../scenario/types.ts';
import { TOOL_VERSION } from '../version.ts';
import { executePlan } from './execute.ts';
import { planScenario } from './plan.ts';
import { TelemetryFile } from './telemetry-file.ts';

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
  confirmations?: ReadonlyMap<string, { offsetMs: number; by: string }>;
  clock?: 'virtual' | 'real';
  env?: Readonly<Record<string, string | undefined>>;
  onSignal?(signal: Signal): void;
}

export interface RunScenarioResult {
  report: RunReport;
  folder: string;
  /** 0 when every judged expectation was met, 1 when any was missed or late. */
  exitCode: 0 | 1;
}

/** A fresh run id: a UTC stamp plus randomness, so two runs never share a folder. */
export function newRunId(): string {
  return `${wallClockIso()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/**
 * One scenario, end to end: plan, execute with every step in the ledger, judge, sign, and write the
 * reports, all into `folder`. If execution throws, what was recorded so far stays verifiable.
 */
export async function runScenario(options: RunScenarioOptions): Promise<RunScenarioResult> {
  const began = elapsedMs();
  const { scenario, registry, folder } = options;
  const plan = planScenario(scenario, {
    controlIds: [...registry.controls.keys()],
    disabledControls: options.disabledControls,
    seed: options.seed,
    patients: options.patients,
  });
  const clock = options.clock === 'real' ? new RealClock() : new VirtualClock(plan.start);
  const ledger = Ledger.open(folder);
  ledger.append({
    kind: 'run.started',
    at: clock.now(),
    runId: newRunId(),
    scenarioId: scenario.id,
    title: scenario.title,
    scenarioFile: options.scenarioFile,
    scenarioSha256: createHash('sha256').update(options.scenarioText).digest('hex'),
    seed: plan.seed,
    patients: plan.patients,
    clock: clock.kind,
    start: plan.start,
    timezone: plan.timezone,
    disabledControls: plan.controls.disabled,
    toolVersion: TOOL_VERSION,
    wallClock: wallClockIso(),
  });
  ledger.append({
    kind: 'plan',
    at: clock.now(),
    injects: plan.injects.map(({ id, injector, at, params }) => ({
      id,
      injector,
      at,
      params: params as JsonValue,
    })),
    expectations: plan.expectations.map((e) => ({
      id: e.id,
      type: e.type,
      inject: e.inject,
      windowMs: e.withinMs,
    })),
    controls: plan.controls.enabled,
  });
  const telemetryName = 'telemetry.jsonl';
  const telemetry = new TelemetryFile(join(folder, telemetryName));
  let verdicts: Awaited<ReturnType<typeof executePlan>>['verdicts'] = [];
  try {
    const result = await executePlan(plan, {
      registry,
      clock,
      ledger,
      telemetry,
      confirmations: options.confirmations,
      onSignal: options.onSignal,
    });
    verdicts = result.verdicts;
    for (const verdict of verdicts) ledger.append({ kind: 'verdict', at: clock.now(), verdict });
  } finally {
    const events = telemetry.count;
    const sha256 = telemetry.close();
    ledger.append({
      kind: 'telemetry.summary',
      at: clock.now(),
      events,
      file: telemetryName,
      sha256,
      bySystem: telemetry.bySystem,
    });
  }
  const counts = countVerdicts(verdicts.map((verdict) => verdict.status));
  const exitCode = counts.missed + counts.late > 0 ? 1 : 0;
  ledger.append({
    kind: 'run.finished',
    at: clock.now(),
    counts,
    exitCode,
    wallClock: wallClockIso(),
    wallMs: Math.round(elapsedMs() - began),
  });
  ledger.close();
  const signature = ledger.sign(options.env);
  const report = buildReport(ledger.entries(), evidenceFromSignature(signature));
  writeReports(folder, report);
  return { report, folder, exitCode };
}
