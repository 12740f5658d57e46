import { MONTHS } from './format.ts';

export interface FoundDate {
  /** `YYYY-MM-DD`. */
  day: string;
  /** Where the match starts in the text. */
  index: number;
  text: string;
}

const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const ORDINAL = '(?:st|nd|rd|th)?';

/**
 * Patterns in order of precedence; a later match overlapping an earlier one is dropped. Month names
 * are matched capitalised only, so the verb "may" followed by a number is not read as a date.
 * Numeric day/month/year is read the US way (month first), as US notices write it.
 */
const PATTERNS: Array<{ regex: RegExp; read: (m: RegExpExecArray) => Array<[number, number, number]> }> = [
  {
    // "March 1 – 3, 2026", "March 28 through April 2, 2026": both ends of a range, the year from the end.
    regex: new RegExp(
      `\\b${MONTH}\\.? (\\d{1,2})${ORDINAL}\\s*(?:-|–|—|to|through|and)\\s*(?:${MONTH}\\.? )?(\\d{1,2})${ORDINAL},? (\\d{4})\\b`,
      'g',
    ),
    read: (m) => [
      [Number(m[5]), month(m[1]!), Number(m[2])],
      [Number(m[5]), month(m[3] ?? m[1]!), Number(m[4])],
    ],
  },
  {
    // "Tuesday, March 3, 2026", "Mar. 3rd 2026"
    regex: new RegExp(`\\b${MONTH}\\.? (\\d{1,2})${ORDINAL},? (\\d{4})\\b`, 'g'),
    read: (m) => [[Number(m[3]), month(m[1]!), Number(m[2])]],
  },
  {
    // "3 March 2026", "3rd of March, 2026"
    regex: new RegExp(`\\b(\\d{1,2})${ORDINAL} (?:of )?${MONTH}\\.?,? (\\d{4})\\b`, 'g'),
    read: (m) => [[Number(m[3]), month(m[2]!), Number(m[1])]],
  },
  {
    // "2026-03-03", "2026/03/03"
    regex: /\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/g,
    read: (m) => [[Number(m[1]), Number(m[2]), Number(m[3])]],
  },
  {
    // "3/3/2026", "03-03-26"
    regex: /\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b/g,
    read: (m) => [[fullYear(m[3]!), Number(m[1]), Number(m[2])]],
  },
];

function month(name: string): number {
  return MONTHS.findIndex((full) => full.startsWith(name.slice(0, 3))) + 1;
}

function fullYear(year: string): number {
  return year.length === 2 ? 2000 + Number(year) : Number(year);
}

/** A real calendar day, or undefined (13/45/2026 is not a date). */
function toDay([year, monthNumber, day]: [number, number, number]): string | undefined {
  const date = new Date(Date.UTC(year, monthNumber - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === monthNumber - 1 && date.getUTCDate() === day;
  return valid ? date.toISOString().slice(0, 10) : undefined;
}

/** Every calendar date written in the text, in order of appearance. */
export function findDates(text: string): FoundDate[] {
  const taken: Array<[number, number]> = [];
  const found: FoundDate[] = [];
  for (const { regex, read } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      const days = read(match as RegExpExecArray)
        .map(toDay)
        .filter((day) => day !== undefined);
      if (days.length === 0) continue;
      taken.push([start, end]);
      for (const day of days) found.push({ day, index: start, text: match[0] });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
