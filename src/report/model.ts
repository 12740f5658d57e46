import type { Signal } from '../controls/signal.ts';
import {
  type BreachAssessedEntry,
  countVerdicts,
  type ExposureEntry,
  type LedgerEntry,
  type LedgerKind,
  type LedgerWitnessedEntry,
  type PlanEntry,
  type RunStartedEntry,
  type SinkSummaryEntry,
  type VerdictCounts,
} from '../evidence/entries.ts';
import type { KeyOrigin, SigningKey } from '../evidence/signing-key.ts';
import type { VerifyResult } from '../evidence/verify.ts';
import type { Verdict } from '../run/verdict.ts';
import { type BreachDiscovery, breachTimingOf, type ScopeGap } from './breach-timing.ts';
import { type TimelineItem, timelineOf } from './timeline.ts';

export type { TimelineItem } from './timeline.ts';

export type RunMeta = Omit<RunStartedEntry, 'kind' | 'seq' | 'at'>;

/** Where the ledger stands: what the ledger itself cannot say about its own hash and signature. */
export interface LedgerEvidence {
  finalHash: string;
  signature: { keyOrigin: KeyOrigin; publicKeyFingerprint: string } | null;
}

export interface RunReport {
  run: RunMeta;
  plan: Omit<PlanEntry, 'kind' | 'seq' | 'at'> | null;
  /** Timeline origin: end of the steady-state window, else the run start. */
  t0: number;
  steadyState: {
    from: number;
    to: number;
    events: number;
    falsePositives: Signal[];
    background?: { level: string; scale: number };
  } | null;
  timeline: TimelineItem[];
  verdicts: Verdict[];
  counts: VerdictCounts;
  /** null when the ledger has no run.finished entry (the run stopped early). */
  finished: { exitCode: number; wallClock: string; wallMs: number } | null;
  telemetry: { events: number; file: string; sha256: string; bySystem: Record<string, number> } | null;
  evidence: { entries: number; finalHash: string | null; signature: LedgerEvidence['signature'] };
  /** Delivery accounting per sink of the user's own stack (empty for built-in-only runs). */
  sinks: Array<Omit<SinkSummaryEntry, 'kind' | 'seq' | 'at'>>;
  /** The ledger head as sent to the user's sinks and timestamped at close (drills against a target). */
  witness?: Omit<LedgerWitnessedEntry, 'kind' | 'seq' | 'at'>;
  /** Alerts from the user's stack that no expectation asked for. */
  noise: Array<{ signalId: string; reason: string }>;
  /** Intake deliveries refused, with their reasons. */
  rejected: Array<{ intake: string; status: number; reason: string; at: number }>;
  /** Files injects kept as evidence (browser screenshots, HARs), pinned in the ledger. */
  artifacts: Array<{ injectId: string; label: string; file: string; sha256: string; mediaType: string }>;
  /** Whose PHI each inject exposed, and the breach assessment of it (none when the scenario gives no breach facts). */
  breach: {
    exposures: Array<Omit<ExposureEntry, 'kind' | 'seq' | 'at'>>;
    assessments: Array<Omit<BreachAssessedEntry, 'kind' | 'seq' | 'at'>>;
    /** Both discovery dates per inject (alert landed, should have known: 164.404(a)(2)). */
    discovery: BreachDiscovery[];
    /** Log expectations missed because the records were past retention: scope not established from logs. */
    scopeGaps: ScopeGap[];
  };
}

/**
 * Everything a rendering needs, derived only from ledger entries (plus, optionally, the ledger's
 * final hash and signature status), so a report can be rebuilt from any verified run folder.
 */
export function buildReport(entries: readonly LedgerEntry[], evidence?: LedgerEvidence): RunReport {
  const started = entries.find((entry) => entry.kind === 'run.started');
  if (started === undefined)
    throw new Error('the ledger has no run.started entry; there is no run to report');
  const { kind: _k, seq: _s, at: _a, ...run } = started;

  const plan = entries.find((entry) => entry.kind === 'plan');
  const steady = entries.find((entry) => entry.kind === 'steady-state');
  const telemetry = entries.findLast((entry) => entry.kind === 'telemetry.summary');
  const finished = entries.findLast((entry) => entry.kind === 'run.finished');
  const verdicts = entries.flatMap((entry) => (entry.kind === 'verdict' ? [entry.verdict] : []));
  const t0 = steady?.to ?? run.start;

  return {
    run,
    plan: plan ? { injects: plan.injects, expectations: plan.expectations, controls: plan.controls } : null,
    t0,
    steadyState: steady
      ? {
          from: steady.from,
          to: steady.to,
          events: steady.events,
          falsePositives: steady.falsePositives,
          ...(steady.background ? { background: steady.background } : {}),
        }
      : null,
    timeline: timelineOf(entries, t0),
    verdicts,
    counts: countVerdicts(verdicts.map((verdict) => verdict.status)),
    finished: finished
      ? { exitCode: finished.exitCode, wallClock: finished.wallClock, wallMs: finished.wallMs }
      : null,
    telemetry: telemetry
      ? {
          events: telemetry.events,
          file: telemetry.file,
          sha256: telemetry.sha256,
          bySystem: telemetry.bySystem,
        }
      : null,
    ...witnessOf(entries),
    sinks: fieldsOf(entries, 'sink.summary'),
    noise: entries.flatMap((entry) => (entry.kind === 'noise' ? entry.signals : [])),
    artifacts: entries.flatMap((entry) =>
      entry.kind === 'artifact'
        ? [
            {
              injectId: entry.injectId,
              label: entry.label,
              file: entry.file,
              sha256: entry.sha256,
              mediaType: entry.mediaType,
            },
          ]
        : [],
    ),
    rejected: entries.flatMap((entry) =>
      entry.kind === 'intake.rejected'
        ? [{ intake: entry.intake, status: entry.status, reason: entry.reason, at: entry.at }]
        : [],
    ),
    breach: {
      exposures: fieldsOf(entries, 'exposure'),
      assessments: fieldsOf(entries, 'breach.assessed'),
      ...breachTimingOf(entries),
    },
    evidence: {
      entries: entries.length,
      finalHash: evidence?.finalHash ?? null,
      signature: evidence?.signature ?? null,
    },
  };
}

/** Evidence status of a closed ledger about to be signed with `key` (reports are written before signing, so it pins them). */
export function evidenceFromKey(finalHash: string, key: SigningKey): LedgerEvidence {
  return { finalHash, signature: { keyOrigin: key.origin, publicKeyFingerprint: key.fingerprint } };
}

/** Evidence status of a folder checked by `verifyRunFolder`; a signature only counts if it verified. */
export function evidenceFromVerify(result: VerifyResult): LedgerEvidence {
  const signed = result.signed && result.keyOrigin !== undefined && result.publicKeyFingerprint !== undefined;
  return {
    finalHash: result.finalHash,
    signature: signed
      ? { keyOrigin: result.keyOrigin!, publicKeyFingerprint: result.publicKeyFingerprint! }
      : null,
  };
}

type Fields<K extends LedgerKind> = Omit<Extract<LedgerEntry, { kind: K }>, 'kind' | 'seq' | 'at'>;

/** Every entry of one kind, without the ledger's own bookkeeping (kind, position, time). */
function fieldsOf<K extends LedgerKind>(entries: readonly LedgerEntry[], kind: K): Array<Fields<K>> {
  return entries.flatMap((entry) => {
    if (entry.kind !== kind) return [];
    const { kind: _kind, seq: _seq, at: _at, ...fields } = entry as Extract<LedgerEntry, { kind: K }>;
    return [fields as Fields<K>];
  });
}

function witnessOf(entries: readonly LedgerEntry[]): Pick<RunReport, 'witness'> {
  const found = entries.find((entry) => entry.kind === 'ledger.witnessed');
  if (!found) return {};
  const { kind: _kind, seq: _seq, at: _at, ...witness } = found;
  return { witness };
}
