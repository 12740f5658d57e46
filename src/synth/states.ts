/**
 * Where synthetic patients live. Weights over-represent the states whose breach laws are stricter
 * than HIPAA (DOMAIN.md §2) so per-state deadline and media-notice rules get exercised in small
 * populations. ZIP prefixes and area codes are the state's real ones, so a ZIP or phone is at least
 * plausible for the state; the numbers themselves stay inside reserved fiction ranges.
 */
export interface StateProfile {
  code: string;
  weight: number;
  /** Inclusive range of 3-digit ZIP prefixes assigned to the state. */
  zip3: readonly [number, number];
  areaCodes: readonly string[];
  /** Standard-time offset from UTC in hours, and whether the state observes daylight saving time. */
  utcOffset: number;
  dst: boolean;
}

export const STATES: readonly StateProfile[] = [
  {
    code: 'CA',
    weight: 14,
    zip3: [900, 961],
    areaCodes: ['213', '310', '415', '510', '619', '916'],
    utcOffset: -8,
    dst: true,
  },
  {
    code: 'TX',
    weight: 10,
    zip3: [750, 799],
    areaCodes: ['210', '214', '512', '713'],
    utcOffset: -6,
    dst: true,
  },
  {
    code: 'NY',
    weight: 9,
    zip3: [100, 149],
    areaCodes: ['212', '315', '518', '716', '718'],
    utcOffset: -5,
    dst: true,
  },
  {
    code: 'FL',
    weight: 8,
    zip3: [320, 349],
    areaCodes: ['305', '407', '813', '904'],
    utcOffset: -5,
    dst: true,
  },
  { code: 'WA', weight: 5, zip3: [980, 994], areaCodes: ['206', '253', '509'], utcOffset: -8, dst: true },
  { code: 'CO', weight: 5, zip3: [800, 816], areaCodes: ['303', '719', '970'], utcOffset: -7, dst: true },
  { code: 'IL', weight: 4, zip3: [600, 629], areaCodes: ['217', '312', '773'], utcOffset: -6, dst: true },
  { code: 'PA', weight: 4, zip3: [150, 196], areaCodes: ['215', '412', '717'], utcOffset: -5, dst: true },
  { code: 'OH', weight: 3, zip3: [430, 458], areaCodes: ['216', '513', '614'], utcOffset: -5, dst: true },
  { code: 'GA', weight: 3, zip3: [300, 319], areaCodes: ['404', '706', '912'], utcOffset: -5, dst: true },
  { code: 'NC', weight: 3, zip3: [270, 289], areaCodes: ['704', '919'], utcOffset: -5, dst: true },
  { code: 'MA', weight: 3, zip3: [10, 27], areaCodes: ['413', '617', '508'], utcOffset: -5, dst: true },
  { code: 'NJ', weight: 2, zip3: [70, 89], areaCodes: ['201', '732', '973'], utcOffset: -5, dst: true },
  { code: 'MI', weight: 2, zip3: [480, 499], areaCodes: ['313', '616'], utcOffset: -5, dst: true },
  { code: 'VA', weight: 2, zip3: [220, 246], areaCodes: ['703', '804'], utcOffset: -5, dst: true },
  { code: 'AZ', weight: 2, zip3: [850, 865], areaCodes: ['520', '602'], utcOffset: -7, dst: false },
  { code: 'OR', weight: 2, zip3: [970, 979], areaCodes: ['503', '541'], utcOffset: -8, dst: true },
  { code: 'MN', weight: 2, zip3: [550, 567], areaCodes: ['612', '218'], utcOffset: -6, dst: true },
  { code: 'TN', weight: 1, zip3: [370, 385], areaCodes: ['615', '901'], utcOffset: -6, dst: true },
  { code: 'MD', weight: 1, zip3: [206, 219], areaCodes: ['301', '410'], utcOffset: -5, dst: true },
];

const BY_CODE = new Map(STATES.map((state) => [state.code, state]));

export function stateProfile(code: string): StateProfile {
  const state = BY_CODE.get(code);
  if (!state) throw new RangeError(`no synthetic state profile for ${code}`);
  return state;
}

/** Fictional payers: a real plan name next to a fake member id would look like a real enrolment. */
export const PAYERS: readonly string[] = [
  'Northwind Health Plan',
  'Cascade Mutual Health',
  'Lakeshore Care Alliance',
  'Meridian Family Health',
  'Summit Senior Advantage',
  'Prairie State Medicaid Plan',
];
