import { join } from 'node:path';
import type { VirtualClock } from '../clock/clock.ts';
import { elapsedMs } from '../clock/clock.ts';
import type { VerdictCounts } from '../evidence/entries.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { Registry } from '../registry.ts';
import { type ClockGate, executePlan } from '../run/execute.ts';
import type { Plan } from '../run/plan.ts';
import { recordRunFinish, recordTelemetry } from '../run/run-record.ts';
import { TelemetryFile } from '../run/telemetry-file.ts';
import type { Verdict } from '../run/verdict.ts';

const TELEMETRY_FILE = 'telemetry.jsonl';

export interface HeldRun {
  plan: Plan;
  registry: Registry;
  folder: string;
  clock: VirtualClock;
  ledger: Ledger;
  gate: ClockGate;
  /** Confirmations the table makes, already in the ledger. */
  confirmations: ReadonlyMap<string, { at: number; by: string }>;
  /** `replace` when a resumed run writes the same telemetry again. */
  telemetry: 'create' | 'replace';
  onLive(judgeNow: () => Verdict[], awaitingReads: (injectId: string) => boolean): void;
}

export interface HeldRunOutcome {
  verdicts: Verdict[];
  counts?: VerdictCounts;
  /** Why the run, or the ledger's closing entries, could not be completed. */
  failure?: string;
}

/**
 * The run under a tabletop: `executePlan` behind the facilitator's gate, then the verdicts, the
 * telemetry pin and `run.finished` in the ledger. The ledger stays open: the hot wash and the
 * close still write to it. Never rejects; a failure is part of the outcome.
 */
export async function runHeld(run: HeldRun): Promise<HeldRunOutcome> {
  const began = elapsedMs();
  const { ledger, clock } = run;
  const telemetry = new TelemetryFile(join(run.folder, TELEMETRY_FILE), run.telemetry);
  let verdicts: Verdict[] = [];
  let failure: string | undefined;
  try {
    const result = await executePlan(run.plan, {
      registry: run.registry,
      clock,
      ledger,
      telemetry,
      gate: run.gate,
      attended: run.confirmations,
      onLive: run.onLive,
    });
    verdicts = result.verdicts;
    for (const verdict of verdicts) ledger.append({ kind: 'verdict', at: clock.now(), verdict });
  } catch (error) {
    failure = `the run failed: ${describe(error)}`;
  }
  try {
    recordTelemetry(ledger, telemetry, clock.now(), TELEMETRY_FILE);
    const { counts } = recordRunFinish(ledger, verdicts, clock.now(), elapsedMs() - began);
    return { verdicts, counts, ...(failure ? { failure } : {}) };
  } catch (error) {
    return { verdicts, failure: failure ?? `the ledger could not be completed: ${describe(error)}` };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
