import type { ContainExpectation } from '../../scenario/types.ts';
import type { Observations } from '../observations.ts';
import type { PlannedExpectation } from '../plan.ts';
import type { Verdict } from '../verdict.ts';
import { timedVerdict } from './timing.ts';

export function judgeContain(
  expectation: PlannedExpectation & ContainExpectation,
  seen: Observations,
): Verdict {
  const at = seen.containedAt(expectation.inject, expectation.condition);
  return timedVerdict(expectation, at, {
    met: `${expectation.condition} observed in the estate`,
    missed: `${expectation.condition} never observed in the estate before the run ended`,
  });
}
