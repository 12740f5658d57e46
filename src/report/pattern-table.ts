export interface PatternRow {
  id: string;
  hipaa: readonly string[];
  /** The failure as the field dossier words it, and that dossier's title; absent for a user's own pattern. */
  field?: { failure: string; dossierTitle: string };
  /** Controls whose `covers` names the pattern. */
  controls: readonly string[];
  /** Catalog scenarios that inject the pattern. */
  scenarios: readonly string[];
}

const code = (ids: readonly string[]) => ids.map((id) => `\`${id}\``).join(', ') || '—';

/**
 * The README's leak-pattern table: one row per built-in pattern with its HIPAA citations and the
 * field failure it drills, quoted from the dossier that names it, so coverage can be read against
 * the field's own list.
 */
export function renderPatternTable(rows: readonly PatternRow[]): string {
  const lines = [
    `${rows.length} leak ${rows.length === 1 ? 'pattern' : 'patterns'}.`,
    '',
    '| pattern | the field failure it drills (dossier) | HIPAA | reference controls | catalog scenarios |',
    '|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const failure = row.field ? `“${row.field.failure}” (${row.field.dossierTitle})` : '—';
    lines.push(
      `| \`${row.id}\` | ${failure} | ${row.hipaa.join(', ')} | ${code(row.controls)} | ${code(row.scenarios)} |`,
    );
  }
  return lines.join('\n');
}
