export type PhiKind = 'ssn' | 'mrn' | 'dob' | 'email' | 'phone' | 'name';

export interface PhiMatch {
  kind: PhiKind;
  /** The identifying value itself (for `dob`/`name`, without the key that gave it away). */
  match: string;
  /** Offset of `match` in the text. */
  index: number;
}

/** Separator between a key and its value in JSON, query strings, logs and URL-encoded queries. */
const KEY_VALUE = String.raw`["']?(?:\s*[:=]\s*|%3[Dd]|\s+)["']?`;
/** Stricter for names: no bare whitespace ("Family history") and FHIR's `"given": ["Ann"]` arrays. */
const NAME_KEY_VALUE = String.raw`["']?\s*(?:[:=]|%3[Dd])\s*\[?\s*["']?`;
/** FHIR search prefixes that may precede a date value (`birthdate=ge1980-01-01`). */
const DATE_PREFIX = '(?:eq|ne|gt|lt|ge|le|sa|eb|ap)?';
const DOB_KEYS = '(?:[A-Za-z]*[Bb]irth_?[Dd]ate|[Dd]ate_?[Oo]f_?[Bb]irth|DOB|[Dd]ob)';
/** Keys that only ever hold a person's name; a bare `name` counts only as a query parameter. */
const NAME_KEYS =
  '(?:(?:[Ff]irst|[Ll]ast|[Gg]iven|[Ff]amily|[Pp]atient|[Mm]iddle)[ _]?[Nn]ames?|[Gg]iven|[Ff]amily|(?<=[?&])name)';

/**
 * Each detector is a global regex plus a cheap guard that skips it when the text cannot match, so the
 * usual log line (no digits, no `@`) costs a few character scans. `valueGroup` names the capture that
 * holds the value when the regex also consumes its key.
 */
interface Detector {
  kind: PhiKind;
  guard: (text: string) => boolean;
  regex: RegExp;
  valueGroup?: number;
}

const hasDigit = (text: string) => /\d/.test(text);

const DETECTORS: readonly Detector[] = [
  { kind: 'ssn', guard: (t) => t.includes('-'), regex: /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g },
  { kind: 'mrn', guard: (t) => t.includes('ZZTEST-'), regex: /ZZTEST-\d{8}(?!\d)/g },
  {
    kind: 'dob',
    guard: hasDigit,
    regex: new RegExp(
      `(?<![A-Za-z])(${DOB_KEYS}${KEY_VALUE}${DATE_PREFIX})(\\d{4}-\\d{2}-\\d{2})(?!\\d)`,
      'g',
    ),
    valueGroup: 2,
  },
  {
    kind: 'email',
    guard: (t) => t.includes('@'),
    regex: /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g,
  },
  {
    kind: 'phone',
    guard: hasDigit,
    regex:
      /(?<![\w+-])(?:\+1[2-9]\d{2}[2-9]\d{6}|(?:\+1[-. ]?)?(?:\(\s?[2-9]\d{2}\s?\)[\s-]?|[2-9]\d{2}[-.])[2-9]\d{2}[-.]\d{4})(?![\w-])/g,
  },
  {
    kind: 'name',
    guard: (t) => /ame|iven|amily/.test(t),
    regex: new RegExp(
      `(?<![A-Za-z])(${NAME_KEYS}${NAME_KEY_VALUE})([A-Za-z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+|(?:%20|\\+)[A-Za-z][A-Za-z'-]+)?)`,
      'g',
    ),
    valueGroup: 2,
  },
];

/**
 * Finds PHI-shaped values in free text (log lines, URLs, query strings, JSON bodies), ordered by
 * position. Dates count only next to a birth-date key and names only next to a name key, because a
 * bare date or capitalised word in a log line is almost never PHI.
 */
export function findPhi(text: string): PhiMatch[] {
  const found: PhiMatch[] = [];
  for (const detector of DETECTORS) {
    if (!detector.guard(text)) continue;
    detector.regex.lastIndex = 0;
    for (let m = detector.regex.exec(text); m !== null; m = detector.regex.exec(text)) {
      if (detector.valueGroup === undefined) {
        found.push({ kind: detector.kind, match: m[0], index: m.index });
      } else {
        const value = m[detector.valueGroup]!;
        found.push({ kind: detector.kind, match: value, index: m.index + m[0].length - value.length });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
