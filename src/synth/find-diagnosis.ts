import { CONDITIONS, type ConditionEntry } from './conditions.ts';

export interface DiagnosisMatch {
  entry: ConditionEntry;
  /** The code or display text as it appears in the text. */
  match: string;
  index: number;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so a display that contains another display is matched whole.
const byLength = (a: string, b: string) => b.length - a.length;
const CODE = new RegExp(
  `(?<![A-Za-z0-9.])(?:${CONDITIONS.map((entry) => literal(entry.code))
    .sort(byLength)
    .join('|')})(?![0-9A-Za-z])`,
  'g',
);
const DISPLAY = new RegExp(
  CONDITIONS.map((entry) => literal(entry.display))
    .sort(byLength)
    .join('|'),
  'gi',
);
const BY_CODE = new Map(CONDITIONS.map((entry) => [entry.code, entry]));
const BY_DISPLAY = new Map(CONDITIONS.map((entry) => [entry.display.toLowerCase(), entry]));

/**
 * Diagnoses in free text (a message body, a note): ICD-10-CM codes and display names of the
 * population's condition table, ordered by position. Each match carries its table entry, so a
 * caller can tell a sensitive category (mental health, HIV, substance use) from the rest.
 */
export function findDiagnoses(text: string): DiagnosisMatch[] {
  const found: DiagnosisMatch[] = [];
  for (const m of text.matchAll(CODE)) found.push({ entry: BY_CODE.get(m[0])!, match: m[0], index: m.index });
  for (const m of text.matchAll(DISPLAY)) {
    found.push({ entry: BY_DISPLAY.get(m[0].toLowerCase())!, match: m[0], index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}
