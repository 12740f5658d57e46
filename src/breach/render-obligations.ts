import { wrapText } from '../text/wrap.ts';
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

/**
 * The table for a terminal `width` columns wide (no limit when absent): when the columns do not fit,
 * each obligation becomes a block of wrapped lines instead, so nothing runs off the edge or is cut.
 */
export function renderTable(
  assessment: BreachAssessment,
  obligations: readonly Obligation[],
  width = Number.POSITIVE_INFINITY,
): string {
  const wrapped = (text: string, indent: string) =>
    wrapText(text, width - indent.length)
      .map((part, index) => `${index === 0 ? '' : indent}${part}\n`)
      .join('');
  let out = wrapped(assessmentLine(assessment).trimEnd(), '  ');
  for (const factor of assessment.factors) {
    out += `  ${factor.raisesRisk ? 'risk' : 'ok  '}  ${wrapped(`${factor.factor}: ${factor.finding}`, '        ')}`;
  }
  if (obligations.length === 0) return `${out}no obligations\n`;
  const rows = obligations.map(cells);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const tableWidth = widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  if (tableWidth > width) {
    obligations.forEach((obligation, index) => {
      const [dueAt, id, people, to, basis] = rows[index]!;
      out += `\n${wrapped(`${dueAt}  ${id}`, '    ')}`;
      out += `    ${wrapped(`${people} people, to ${to}`, '    ')}`;
      out += `    ${wrapped(`basis: ${basis}`, '      ')}`;
      out += `    ${wrapped(noteOf(obligation), '    ')}`;
    });
    return out;
  }
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  out += `\n${line(HEADER)}\n${line(widths.map((width) => '-'.repeat(width)))}\n`;
  obligations.forEach((obligation, index) => {
    out += `${line(rows[index]!)}\n    ${wrapped(noteOf(obligation), '    ')}`;
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
