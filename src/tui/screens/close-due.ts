/** Why `text` is not a due date (YYYY-MM-DD, a real calendar day), or undefined when it is one. */
export function dueProblem(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return 'due must be a date as YYYY-MM-DD, e.g. 2026-04-30';
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // Date.UTC rolls 2026-02-30 over to March: a round trip that changes the text means no such day.
  if (new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) !== text)
    return `${text} is not a calendar date`;
  return undefined;
}
