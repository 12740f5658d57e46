import type { Verdict } from '../../run/verdict.ts';
import type { PlannedExpectation } from '../plan.ts';

/** Shapes a verdict from when (if ever) the expected thing was observed. */
export function timedVerdict(
  expectation: PlannedExpectation,
  observedAt: number | undefined,
  what: { met: string; missed: string },
  evidence: string[] = [],
): Verdict {
  const base = {
    expectationId: expectation.id,
    type: expectation.type,
    injectId: expectation.inject,
    windowMs: expectation.withinMs,
    injectedAt: expectation.opensAt,
    evidence,
  };
  if (observedAt === undefined) return { ...base, status: 'missed', reason: what.missed };
  const latencyMs = observedAt - expectation.opensAt;
  const status = observedAt <= expectation.closesAt ? 'met' : 'late';
  return { ...base, status, observedAt, latencyMs, reason: what.met };
}
