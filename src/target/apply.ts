import { parseDuration } from '../clock/duration.ts';
import type { PathProblem } from '../scenario/problem.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Target } from './schema.ts';

/**
 * A scenario as it runs against a target: the target's timeline (real time is expensive, so the steady
 * state and inject offsets are usually shortened), its SLA per expectation and, for detect
 * expectations, which of the user's alerts count. Pure.
 */
export function applyTarget(scenario: Scenario, target: Target): Scenario {
  const { schedule } = target;
  return {
    ...scenario,
    background: target.background.level ?? scenario.background,
    estate: {
      ...scenario.estate,
      ...(schedule.steadyState === undefined
        ? {}
        : { steadyState: schedule.steadyState, steadyStateMs: parseDuration(schedule.steadyState)! }),
    },
    injects: scenario.injects.map((inject) => {
      const at = schedule.injects?.[inject.id];
      return at === undefined ? inject : { ...inject, at, atMs: parseDuration(at)! };
    }),
    expectations: scenario.expectations.map((expectation) => {
      const override = target.expectations[expectation.id];
      if (!override) return expectation;
      const timed = override.within
        ? { ...expectation, within: override.within, withinMs: parseDuration(override.within)! }
        : expectation;
      return timed.type === 'detect' && override.match ? { ...timed, match: override.match } : timed;
    }),
  };
}

/** Target entries that name nothing in the scenarios being run (a typo would silently change nothing). */
export function unknownTargetReferences(
  target: Target,
  scenarios: readonly Scenario[],
  controlIds: ReadonlySet<string>,
): PathProblem[] {
  const expectationIds = new Set(scenarios.flatMap((s) => s.expectations.map((e) => e.id)));
  const injectIds = new Set(scenarios.flatMap((s) => s.injects.map((i) => i.id)));
  const intakeIds = new Set(target.intakes.map((intake) => intake.id));
  const problems: PathProblem[] = [];
  for (const [id, override] of Object.entries(target.expectations)) {
    if (!expectationIds.has(id)) {
      problems.push({
        path: ['expectations', id],
        code: 'unknown-field',
        message: `no expectation "${id}" in the scenarios run`,
        on: 'key',
      });
    }
    const control = override.match?.control;
    if (control && !controlIds.has(control) && !intakeIds.has(control)) {
      problems.push({
        path: ['expectations', id, 'match', 'control'],
        code: 'unknown-control',
        message: `"${control}" is neither a built-in control nor an intake of this target`,
      });
    }
  }
  for (const id of Object.keys(target.schedule.injects ?? {})) {
    if (!injectIds.has(id)) {
      problems.push({
        path: ['schedule', 'injects', id],
        code: 'unknown-inject',
        message: `no inject "${id}" in the scenarios run`,
        on: 'key',
      });
    }
  }
  return problems;
}
