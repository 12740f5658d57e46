import { parseDuration } from '../clock/duration.ts';
import type { RunReport } from '../report/model.ts';
import type { Verdict } from '../run/verdict.ts';

/** A drill outcome as tests hold it: what `drill.run` returns, or its report. */
export type DrillOutcome = { report: RunReport } | RunReport;

interface MatcherResult {
  pass: boolean;
  message(): string;
}

const verdictsOf = (outcome: DrillOutcome): readonly Verdict[] =>
  'report' in outcome ? outcome.report.verdicts : outcome.verdicts;

const describeVerdict = (verdict: Verdict) => `${verdict.expectationId} ${verdict.status}: ${verdict.reason}`;

/**
 * Matchers for drill outcomes, in the `{ pass, message }` shape both vitest's and Playwright's
 * `expect.extend` take. A missing expectation id never passes (matching fails closed).
 */
export const drillMatchers = {
  toMeetExpectation(outcome: DrillOutcome, expectationId: string): MatcherResult {
    const verdict = verdictsOf(outcome).find((one) => one.expectationId === expectationId);
    return {
      pass: verdict?.status === 'met',
      message: () =>
        verdict
          ? `expected ${expectationId} to be met; ${describeVerdict(verdict)}`
          : `the drill has no expectation ${expectationId}`,
    };
  },

  /** A detection for `injectId` met within `window` (`15m`) of the inject landing. */
  toDetectWithin(outcome: DrillOutcome, injectId: string, window: string): MatcherResult {
    const limit = parseDuration(window);
    if (limit === undefined) return { pass: false, message: () => `${window} is not a duration like 15m` };
    const detections = verdictsOf(outcome).filter(
      (one) => one.type === 'detect' && one.injectId === injectId,
    );
    const fast = detections.find(
      (one) => one.status === 'met' && one.latencyMs !== undefined && one.latencyMs <= limit,
    );
    return {
      pass: fast !== undefined,
      message: () =>
        detections.length === 0
          ? `the drill has no detect expectation for inject ${injectId}`
          : `expected a detection of ${injectId} within ${window}; ${detections.map(describeVerdict).join('; ')}`,
    };
  },

  toHaveNoMissedExpectations(outcome: DrillOutcome): MatcherResult {
    const missed = verdictsOf(outcome).filter((one) => one.status === 'missed' || one.status === 'late');
    return {
      pass: missed.length === 0 && verdictsOf(outcome).length > 0,
      message: () =>
        missed.length
          ? `missed or late: ${missed.map(describeVerdict).join('; ')}`
          : 'the drill judged no expectations',
    };
  },
};

declare module 'vitest' {
  interface Matchers<R, T> {
    /** The drill's expectation `expectationId` was met. */
    toMeetExpectation(expectationId: string): R;
    /** A detect expectation for `injectId` was met within `window` (`15m`). */
    toDetectWithin(injectId: string, window: string): R;
    toHaveNoMissedExpectations(): R;
  }
}
