import { isCivilDate } from '../../clock/civil-date.ts';

/** Why `text` is not a due date (YYYY-MM-DD, a real calendar day), or undefined when it is one. */
export function dueProblem(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'due must be a date as YYYY-MM-DD, e.g. 2026-04-30';
  return isCivilDate(text) ? undefined : `${text} is not a calendar date`;
}
