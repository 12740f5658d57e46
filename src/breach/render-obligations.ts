import type { BreachAssessment, Obligation } from './types.ts';

/**
 * Text renderings of an assessment and its obligations: an aligned table with notes for people at a
 * terminal, and one tab-separated line per obligation for scripts (fields never contain tabs).
 */

export function assessmentLine(assessment: BreachAssessment): string {
  const verdict = assessment.notifiable ? 'notifiable' : 'no notification required';
  return `assessment: ${assessment.outcome}, ${verdict} (${assessment.basis.join('; ')})\n`;
}

function cells(obligation: Obligation): string[] {
  return [
    obligation.dueAt,
    obligation.id,
    String(obligation.individuals),
    obligation.recipient,
    obligation.basis,
  ];
}

/** The note, with the statute's own date where a HIPAA-entity provision set a different one. */
function noteOf(obligation: Obligation): string {
  const { statutory } = obligation;
  return statutory
    ? `${obligation.note}; statute alone: ${statutory.dueAt} (${statutory.basis})`
    : obligation.note;
}

const HEADER = ['due (end of day, local)', 'obligation', 'people', 'to', 'basis'];

export function renderTable(assessment: BreachAssessment, obligations: readonly Obligation[]): string {
  let out = assessmentLine(assessment);
  for (const factor of assessment.factors) {
    out += `  ${factor.raisesRisk ? 'risk' : 'ok  '}  ${factor.factor}: ${factor.finding}\n`;
  }
  if (obligations.length === 0) return `${out}no obligations\n`;
  const rows = obligations.map(cells);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  out += `\n${line(HEADER)}\n${line(widths.map((width) => '-'.repeat(width)))}\n`;
  obligations.forEach((obligation, index) => {
    out += `${line(rows[index]!)}\n    ${noteOf(obligation)}\n`;
  });
  return out;
}

export function renderPlain(assessment: BreachAssessment, obligations: readonly Obligation[]): string {
  let out = assessmentLine(assessment);
  for (const obligation of obligations) {
    out += `${[...cells(obligation), noteOf(obligation)].map((cell) => cell.replace(/\t/g, ' ')).join('\t')}\n`;
  }
  return out;
}
