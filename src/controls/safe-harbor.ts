import { findPhi, type PhiKind } from '../synth/find-phi.ts';
import {
  RESTRICTED_ZIP3,
  SAFE_HARBOR_IDENTIFIERS,
  type SafeHarborLetter,
} from '../synth/safe-harbor.data.ts';

/** One Safe Harbor identifier that survived in a column of an export. */
export interface SurvivingIdentifier {
  letter: SafeHarborLetter;
  identifier: (typeof SAFE_HARBOR_IDENTIFIERS)[SafeHarborLetter];
  column: string;
  /** Rows in which the column carries it. */
  rows: number;
}

/** `phi()` is the value's PHI kinds, found once per value and only when a test asks. */
type Test = (value: string, column: string, phi: () => ReadonlySet<PhiKind>) => boolean;
const named = (pattern: RegExp, column: string, value: string) => pattern.test(column) && value.trim() !== '';
const header =
  (pattern: RegExp): Test =>
  (value, column) =>
    named(pattern, column, value);

/**
 * How each identifier shows in a column: by the column's name where the value alone says nothing
 * (a name, a street, a member number), by the value where its shape is unambiguous (a full date, an
 * e-mail address, a five-digit ZIP). Years, three-digit ZIPs of populous areas, states and ages up
 * to 89 are what Safe Harbor lets through, so none of these fire on them.
 */
const TESTS: ReadonlyArray<readonly [SafeHarborLetter, Test]> = [
  ['A', header(/^(first|last|given|family|middle|full|patient)?[_\s]?name$/i)],
  ['B', header(/street|address|city|county|precinct/i)],
  ['B', (value) => /^\d{5}(-\d{4})?$/.test(value)],
  [
    'B',
    (value, column) => /zip|postal/i.test(column) && /^\d{3}$/.test(value) && RESTRICTED_ZIP3.includes(value),
  ],
  ['C', (value) => /^\d{4}-\d{2}(-\d{2})?([T ]|$)/.test(value)],
  ['C', (value, column) => /^age/i.test(column) && /^\d+$/.test(value) && Number(value) > 89],
  [
    'D',
    (value, column, phi) =>
      !/fax/i.test(column) && (phi().has('phone') || named(/phone|mobile|tel/i, column, value)),
  ],
  ['E', header(/fax/i)],
  ['F', (_value, _column, phi) => phi().has('email')],
  ['G', (value, column, phi) => phi().has('ssn') || named(/ssn|social/i, column, value)],
  ['H', (value, column, phi) => phi().has('mrn') || named(/mrn|medical[_\s]?record/i, column, value)],
  ['I', header(/member|beneficiary|subscriber|insurance[_\s]?id/i)],
  ['J', header(/account[_\s]?(number|no|num)/i)],
  ['K', header(/licen[cs]e|certificate/i)],
  ['L', header(/vehicle|\bvin\b|plate/i)],
  ['M', header(/device|serial|\budi\b/i)],
  ['N', (value) => /^https?:\/\//i.test(value)],
  [
    'O',
    (value) => /^(\d{1,3}\.){3}\d{1,3}$/.test(value) || /^[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}$/i.test(value),
  ],
  ['P', header(/biometric|fingerprint|voice[_\s]?print|retina/i)],
  ['Q', header(/photo|image|face/i)],
  [
    'R',
    (value, column) => /(^|_)(patient|person|subject)?_?id$|identifier/i.test(column) && value.trim() !== '',
  ],
];

/**
 * Checks a tabular export against the Safe Harbor method (164.514(b)(2)): every identifier type that
 * survives, with the column that carries it. An empty result is necessary for de-identification,
 * not sufficient: the covered entity must also have no actual knowledge that the rest identifies anyone.
 */
export function survivingIdentifiers(
  columns: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): SurvivingIdentifier[] {
  const found = new Map<string, SurvivingIdentifier>();
  columns.forEach((column, index) => {
    for (const row of rows) {
      const value = row[index] ?? '';
      if (value === '') continue;
      let kinds: ReadonlySet<PhiKind> | undefined;
      const phi = () => {
        kinds ??= new Set(findPhi(value).map((match) => match.kind));
        return kinds;
      };
      for (const [letter, test] of TESTS) {
        if (!test(value, column, phi)) continue;
        const key = `${letter}:${column}`;
        const entry = found.get(key);
        if (entry) entry.rows += 1;
        else found.set(key, { letter, identifier: SAFE_HARBOR_IDENTIFIERS[letter], column, rows: 1 });
        break;
      }
    }
  });
  return [...found.values()].sort(
    (a, b) => a.letter.localeCompare(b.letter) || a.column.localeCompare(b.column),
  );
}
