import { createHash, randomBytes } from 'node:crypto';
import { wallClockIso } from '../clock/clock.ts';
import { countVerdicts, type JsonValue, type VerdictCounts } from '../evidence/entries.ts';
import type { Ledger } from '../evidence/ledger.ts';
import { TOOL_VERSION } from '../version.ts';
import type { Plan } from './plan.ts';
import type { TelemetryFile } from './telemetry-file.ts';
import type { Verdict } from './verdict.ts';

/** A fresh run id: a UTC stamp plus randomness, so two runs never share a folder. */
export function newRunId(): string {
  return `${wallClockIso()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

export interface RunIdentity {
  scenarioFile: string;
  scenarioText: string;
  clock: 'virtual' | 'real';
  now: number;
}

/** The first two entries of every run: what was run (pinned by hash) and the timeline it follows. */
export function recordRunStart(ledger: Ledger, plan: Plan, identity: RunIdentity): string {
  const runId = newRunId();
  ledger.append({
    kind: 'run.started',
    at: identity.now,
    runId,
    scenarioId: plan.scenarioId,
    title: plan.title,
    scenarioFile: identity.scenarioFile,
    scenarioSha256: createHash('sha256').update(identity.scenarioText).digest('hex'),
    seed: plan.seed,
    patients: plan.patients,
    clock: identity.clock,
    start: plan.start,
    timezone: plan.timezone,
    disabledControls: plan.controls.disabled,
    toolVersion: TOOL_VERSION,
    wallClock: wallClockIso(),
  });
  ledger.append({
    kind: 'plan',
    at: identity.now,
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
    monitoring: plan.monitoring,
  });
  return runId;
}

/**
 * Closes the telemetry file and pins it by hash in the ledger; `dropIfPassing` records, under the
 * chain, that the file is deleted when every expectation is met (`--telemetry drop-passing`).
 */
export function recordTelemetry(
  ledger: Ledger,
  telemetry: TelemetryFile,
  now: number,
  file: string,
  dropIfPassing = false,
): void {
  const events = telemetry.count;
  const sha256 = telemetry.close();
  ledger.append({
    kind: 'telemetry.summary',
    at: now,
    events,
    file,
    sha256,
    bySystem: telemetry.bySystem,
    ...(dropIfPassing ? { dropIfPassing: true as const } : {}),
  });
}

/** The verdict tally and exit code: 0 when every judged expectation was met, 1 when any was missed or late. */
export function recordRunFinish(
  ledger: Ledger,
  verdicts: readonly Verdict[],
  now: number,
  wallMs: number,
): { counts: VerdictCounts; exitCode: 0 | 1 } {
  const counts = countVerdicts(verdicts.map((verdict) => verdict.status));
  const exitCode = counts.missed + counts.late > 0 ? 1 : 0;
  ledger.append({
    kind: 'run.finished',
    at: now,
    counts,
    exitCode,
    wallClock: wallClockIso(),
    wallMs: Math.round(wallMs),
  });
  return { counts, exitCode };
}
