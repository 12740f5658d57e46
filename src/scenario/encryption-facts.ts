import { field } from './issues.ts';
import type { PathProblem } from './problem.ts';
import type { ScenarioRefs } from './refs.ts';

/**
 * The safe harbour follows the estate: where an injector states whether the PHI it exposes is really
 * encrypted (its `encryptionParam`, e.g. the lost device's storage encryption), the scenario's
 * `breach.encrypted` must say the same, or the assessment would rest on a claim the drill contradicts.
 */
export function encryptionFactProblems(raw: unknown, injects: unknown[], refs: ScenarioRefs): PathProblem[] {
  const breach = field(raw, 'breach');
  if (breach === undefined || breach === null) return [];
  const declared = field(breach, 'encrypted') ?? false;
  if (typeof declared !== 'boolean') return [];
  const problems: PathProblem[] = [];
  injects.forEach((inject, index) => {
    const injector = refs.injectors.find((one) => one.id === field(inject, 'injector'));
    if (!injector?.encryptionParam) return;
    const params = injector.params.safeParse(field(inject, 'params') ?? {});
    if (!params.success) return;
    const actual = (params.data as Record<string, unknown>)[injector.encryptionParam];
    if (typeof actual !== 'boolean' || actual === declared) return;
    problems.push({
      path: field(breach, 'encrypted') === undefined ? ['breach'] : ['breach', 'encrypted'],
      ...(field(breach, 'encrypted') === undefined ? { on: 'key' as const } : {}),
      code: 'bad-value',
      message: `breach.encrypted is ${declared}, but injects[${index}] (${injector.id}) has ${injector.encryptionParam}: ${actual}; the safe harbour must follow the estate`,
    });
  });
  return problems;
}
