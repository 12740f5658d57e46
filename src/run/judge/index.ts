import type { Observations } from '../observations.ts';
import type { PlannedExpectation } from '../plan.ts';
import type { Verdict } from '../verdict.ts';
import { judgeContain } from './contain.ts';
import { judgeDetect } from './detect.ts';
import { judgeLog } from './log.ts';
import { judgeManual } from './manual.ts';
import { judgeNotify } from './notify.ts';
import { judgeObligations } from './obligations.ts';

/** Judges one expectation. An inject that never landed turns its expectations to missed, with why. */
export function judge(expectation: PlannedExpectation, seen: Observations): Verdict {
  const failure = seen.injectFailure(expectation.inject);
  if (failure !== undefined) {
    return {
      expectationId: expectation.id,
      type: expectation.type,
      injectId: expectation.inject,
      status: 'missed',
      windowMs: expectation.withinMs,
      injectedAt: expectation.opensAt,
      reason: `inject ${expectation.inject} failed to apply: ${failure}`,
      evidence: [],
    };
  }
  switch (expectation.type) {
    case 'detect':
      return judgeDetect(expectation, seen);
    case 'log':
      return judgeLog(expectation, seen);
    case 'contain':
      return judgeContain(expectation, seen);
    case 'notify':
      return judgeNotify(expectation, seen);
    case 'manual':
      return judgeManual(expectation, seen);
  }
}

/** Judges one expectation into one verdict, or one per obligation for notify expectations that list them. */
export function judgeAll(expectation: PlannedExpectation, seen: Observations): Verdict[] {
  if (
    expectation.type === 'notify' &&
    expectation.obligations &&
    seen.injectFailure(expectation.inject) === undefined
  ) {
    return judgeObligations(expectation, seen);
  }
  return [judge(expectation, seen)];
}
