import { knowableAt } from '../breach/knowable.ts';
import type { LedgerEntry } from '../evidence/entries.ts';
import { SCOPE_NOT_FROM_LOGS } from '../run/judge/log.ts';

/** When one inject's breach was discovered, in both readings of 45 CFR 164.404(a)(2). */
export interface BreachDiscovery {
  injectId: string;
  /** When the first signal after the inject landed (the alert): run clock. */
  firstSignalAt: number;
  /** When the telemetry behind it was generated: the day the breach would have been known with reasonable diligence. */
  knowableAt: number;
}

/** A `log` expectation that failed because the records had aged out before the investigation looked. */
export interface ScopeGap {
  injectId: string;
  expectationId: string;
  reason: string;
}

/**
 * Discovery dates and log-retention gaps per inject, derived from the ledger alone (signals with
 * their delivery notes, log verdicts), so a report rebuilt from a verified folder shows the same.
 */
export function breachTimingOf(entries: readonly LedgerEntry[]): {
  discovery: BreachDiscovery[];
  scopeGaps: ScopeGap[];
} {
  const signals = entries.flatMap((entry) => (entry.kind === 'signal' ? [entry.signal] : []));
  const discovery = entries.flatMap((entry): BreachDiscovery[] => {
    if (entry.kind !== 'inject.applied') return [];
    const first = signals.find((signal) => signal.time >= entry.at);
    return first
      ? [{ injectId: entry.injectId, firstSignalAt: first.time, knowableAt: knowableAt(first) }]
      : [];
  });
  const scopeGaps = entries.flatMap((entry): ScopeGap[] =>
    entry.kind === 'verdict' &&
    entry.verdict.type === 'log' &&
    entry.verdict.status === 'missed' &&
    entry.verdict.reason.includes(SCOPE_NOT_FROM_LOGS)
      ? [
          {
            injectId: entry.verdict.injectId,
            expectationId: entry.verdict.expectationId,
            reason: entry.verdict.reason,
          },
        ]
      : [],
  );
  return { discovery, scopeGaps };
}
