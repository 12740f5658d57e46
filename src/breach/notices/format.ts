import type { PhiType } from '../types.ts';

/**
 * Plain-language wording shared by the notice templates and the content checker, so what a template
 * writes is exactly what the checker looks for.
 */

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The calendar day an ISO timestamp names, read as written (`2026-03-03T23:30:00-05:00` → `2026-03-03`):
 * the notice speaks in the organisation's local date, which the offset already fixes.
 */
export function calendarDay(iso: string): string {
  const match = DAY.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** `2026-03-03…` → `March 3, 2026`. */
export function longDate(iso: string): string {
  const [year, month, day] = calendarDay(iso).split('-').map(Number) as [number, number, number];
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** Calendar arithmetic on a `YYYY-MM-DD` day, in UTC so no offset or daylight saving can shift it. */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = calendarDay(iso).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** How each kind of PHI is named to the people it belongs to (164.404(c)(1)(B)): one person's, and many people's. */
export const PHI_LABELS: Record<PhiType, readonly [one: string, many: string]> = {
  name: ['name', 'names'],
  address: ['home address', 'home addresses'],
  'birth-date': ['date of birth', 'dates of birth'],
  ssn: ['Social Security number', 'Social Security numbers'],
  mrn: ['medical record number', 'medical record numbers'],
  diagnosis: ['diagnosis or medical condition', 'diagnoses or medical conditions'],
  treatment: [
    'treatment information such as medications and procedures',
    'treatment information such as medications and procedures',
  ],
  'insurance-id': ['health insurance member ID number', 'health insurance member ID numbers'],
  phone: ['telephone number', 'telephone numbers'],
  email: ['e-mail address', 'e-mail addresses'],
  appointment: ['appointment dates and reasons for visits', 'appointment dates and reasons for visits'],
  financial: ['bank account or payment card number', 'bank account or payment card numbers'],
};

/** The PHI types as a phrase: `name, date of birth and Social Security number`. */
export function phiPhrase(types: readonly PhiType[], many: boolean): string {
  return listPhrase(types.map((type) => PHI_LABELS[type][many ? 1 : 0]));
}

/** `a`, `a and b`, `a, b and c`. */
export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const STATE_NAMES: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'the District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  PR: 'Puerto Rico',
  GU: 'Guam',
  VI: 'the U.S. Virgin Islands',
  AS: 'American Samoa',
  MP: 'the Northern Mariana Islands',
};

/** `CA` → `California`; an unknown code is returned as given rather than guessed. */
export function stateName(code: string): string {
  return STATE_NAMES[code.toUpperCase()] ?? code;
}
