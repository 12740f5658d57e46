import type { ManualExpectation } from '../../scenario/types.ts';
import type { Observations } from '../observations.ts';
import type { PlannedExpectation } from '../plan.ts';
import type { Verdict } from '../verdict.ts';
import { timedVerdict } from './timing.ts';

export function judgeManual(
  expectation: PlannedExpectation & ManualExpectation,
  seen: Observations,
): Verdict {
  const confirmation = seen.confirmation(expectation.id);
  if (!confirmation && seen.unattended) {
    return {
      expectationId: expectation.id,
      type: 'manual',
      injectId: expectation.inject,
      status: 'not-applicable',
      windowMs: expectation.withinMs,
      injectedAt: expectation.opensAt,
      reason: `needs a person ("${expectation.prompt}"): pass --confirm ${expectation.id}@<offset>, or confirm it through a manual intake`,
      evidence: [],
    };
  }
  return timedVerdict(expectation, confirmation?.at, {
    met: `confirmed by ${confirmation?.by}`,
    missed: `nobody confirmed: ${expectation.prompt}`,
  });
}
