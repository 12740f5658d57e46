import { containmentOf } from '../scenario/containment.ts';
import type { Scenario } from '../scenario/types.ts';
import { markdownCell } from './markdown.ts';

/**
 * Every catalog `contain` expectation with what stops the exposure and the estate interface a
 * user's SOAR calls for it during `run --target`.
 */
export function renderContainmentTable(scenarios: readonly Scenario[]): string {
  const lines = [
    '| scenario | expectation | condition | containment | estate interface for your responders |',
    '|---|---|---|---|---|',
  ];
  for (const scenario of scenarios) {
    for (const expectation of scenario.expectations) {
      if (expectation.type !== 'contain') continue;
      const injector = scenario.injects.find((inject) => inject.id === expectation.inject)?.injector ?? '';
      const route = containmentOf(injector, expectation.condition);
      const cells = [
        `\`${scenario.id}\``,
        `\`${expectation.id}\``,
        `\`${expectation.condition}\``,
        route?.action ?? '—',
        route ? route.interfaces.map((entry) => `\`${entry}\``).join(' or ') : '—',
      ];
      lines.push(`| ${cells.map((cell) => markdownCell(cell)).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
