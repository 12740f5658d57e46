import type { LoadedScenario } from './load-scenarios.ts';

/**
 * `--confirm ID@OFFSET` must name a `manual` expectation of a scenario being run: a typo would
 * otherwise be ignored and the run pass without the confirmation it meant to record. Returns the
 * usage message for the first id that is not one, naming the valid ids.
 */
export function unknownConfirmations(
  ids: readonly string[],
  scenarios: readonly LoadedScenario[],
): string | undefined {
  const expectations = scenarios.flatMap(({ scenario }) => scenario.expectations);
  const manual = [...new Set(expectations.filter((e) => e.type === 'manual').map((e) => e.id))].sort();
  for (const id of ids) {
    if (manual.includes(id)) continue;
    const other = expectations.find((e) => e.id === id);
    const why = other
      ? `--confirm ${id}: "${id}" is a ${other.type} expectation, judged from the evidence; only manual ones are confirmed`
      : `--confirm ${id}: no manual expectation "${id}" in the scenarios being run`;
    return `${why}; manual expectations: ${manual.join(', ') || 'none'}`;
  }
  return undefined;
}
