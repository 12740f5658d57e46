import type { Scenario } from '../scenario/types.ts';

export interface CatalogRow {
  scenario: Scenario;
  /** Controls whose `covers` names one of the scenario's injectors. */
  controls: string[];
}

/** The README's catalog table, generated from the scenario files and the registries. */
export function renderCatalogTable(rows: readonly CatalogRow[]): string {
  const lines = [
    '| scenario | what leaks | severity | HIPAA | ATT&CK | reference controls | expectations |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { scenario, controls } of rows) {
    const expectations = scenario.expectations.map((e) => `${e.type} ≤ ${e.within}`).join(', ');
    lines.push(
      `| \`${scenario.id}\` | ${scenario.title} | ${scenario.severity} | ${scenario.hipaa.join(', ')} | ${scenario.attack.join(', ') || '—'} | ${controls.map((c) => `\`${c}\``).join(', ')} | ${expectations} |`,
    );
  }
  return lines.join('\n');
}
