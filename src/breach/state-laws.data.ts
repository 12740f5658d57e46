import type { StateLaw } from './state-laws.ts';

/**
 * State breach-notification rules that touch health data, transcribed from DOMAIN.md §2 with its
 * confidence tags. Bump `STATE_LAWS_VERSION` whenever a row changes, so a computed deadline can
 * name the table it came from. Deadlines are counted from HIPAA discovery even where a statute
 * counts from "determination" (CO, FL, TX): determination never precedes discovery, so this can
 * only make a deadline earlier, never later.
 */
export const STATE_LAWS_VERSION = '2026.11.1';
export const STATE_LAWS_CHECKED_ON = '2026-11-23';

/**
 * California state holidays on which state offices close, 2025–2027. Pattern from CalHR's published
 * state-holiday list [S] (a Sunday holiday is observed the Monday after; a Saturday holiday is not
 * moved, except Veterans Day, observed the Friday before), projected to these years [M]. Gov. Code
 * §6700 names further holidays (Lincoln Day, Juneteenth, Native American Day…) on which offices stay
 * open; leaving them out can only make a business-day deadline earlier.
 */
const CA_HOLIDAYS = [
  '2025-01-01',
  '2025-01-20',
  '2025-02-17',
  '2025-03-31',
  '2025-05-26',
  '2025-07-04',
  '2025-09-01',
  '2025-11-11',
  '2025-11-27',
  '2025-11-28',
  '2025-12-25',
  '2026-01-01',
  '2026-01-19',
  '2026-02-16',
  '2026-03-31',
  '2026-05-25',
  // 2026-07-04 is a Saturday: not moved, and no business day anyway.
  '2026-09-07',
  '2026-11-11',
  '2026-11-26',
  '2026-11-27',
  '2026-12-25',
  '2027-01-01',
  '2027-01-18',
  '2027-02-15',
  '2027-03-31',
  '2027-05-31',
  '2027-07-05',
  '2027-09-06',
  '2027-11-11',
  '2027-11-25',
  '2027-11-26',
  // 2027-12-25 is a Saturday: not moved.
];

export const STATE_LAWS: readonly StateLaw[] = [
  {
    state: 'CA',
    name: 'California',
    citation: 'Cal. Health & Safety Code §1280.15',
    confidence: '[V]',
    individual: { kind: 'business-days', days: 15 },
    regulators: [
      {
        key: 'cdph',
        who: 'California Department of Public Health',
        citation: 'Cal. Health & Safety Code §1280.15',
        confidence: '[V]',
        threshold: 1,
        comparison: '>=',
        deadline: { kind: 'business-days', days: 15 },
      },
      {
        key: 'ag',
        who: 'California Attorney General (sample copy of the notice)',
        citation: 'Cal. Civ. Code §1798.82',
        confidence: '[S]',
        threshold: 500,
        comparison: '>',
        deadline: { kind: 'with-individual-notice' },
      },
    ],
    timeZone: 'America/Los_Angeles',
    holidays: CA_HOLIDAYS,
    holidaysSource:
      'CalHR state-holiday list pattern [S] projected to 2025–2027 [M]; Gov. Code §6700, §19853',
    note:
      '§1280.15 [V, AB 1755] binds licensed clinics, health facilities, home health and hospice: 15 business ' +
      'days after detection, to the patient and CDPH; law-enforcement delay allowed. Other entities fall ' +
      'under §1798.82 [S]: most expedient time possible, AG sample copy if more than 500 residents',
  },
  {
    state: 'CO',
    name: 'Colorado',
    citation: 'C.R.S. §6-1-716',
    confidence: '[S]',
    individual: { kind: 'calendar-days', days: 30 },
    regulators: [
      {
        key: 'ag',
        who: 'Colorado Attorney General',
        citation: 'C.R.S. §6-1-716',
        confidence: '[S]',
        threshold: 500,
        comparison: '>=',
        deadline: { kind: 'calendar-days', days: 30 },
      },
    ],
    timeZone: 'America/Denver',
    holidays: [],
    note: '30 days after determination; where it conflicts with federal law the shortest deadline applies',
  },
  {
    state: 'FL',
    name: 'Florida',
    citation: 'Fla. Stat. §501.171',
    confidence: '[S]',
    individual: { kind: 'calendar-days', days: 30 },
    regulators: [
      {
        key: 'dla',
        who: 'Florida Department of Legal Affairs',
        citation: 'Fla. Stat. §501.171',
        confidence: '[S]',
        threshold: 500,
        comparison: '>=',
        deadline: { kind: 'calendar-days', days: 30 },
      },
    ],
    timeZone: 'America/New_York',
    timeZoneNote: 'Florida spans Eastern and Central time; the capital, Tallahassee, is Eastern',
    holidays: [],
    note: '30 days; 15 more only with good cause shown in writing, which is not assumed here',
  },
  {
    state: 'WA',
    name: 'Washington',
    citation: 'RCW 19.255.010',
    confidence: '[S]',
    individual: { kind: 'calendar-days', days: 30 },
    regulators: [
      {
        key: 'ag',
        who: 'Washington Attorney General',
        citation: 'RCW 19.255.010',
        confidence: '[S]',
        threshold: 500,
        comparison: '>',
        deadline: { kind: 'calendar-days', days: 30 },
      },
    ],
    timeZone: 'America/Los_Angeles',
    holidays: [],
    note: '30 calendar days after discovery',
  },
  {
    state: 'NY',
    name: 'New York',
    citation: 'N.Y. Gen. Bus. Law §899-aa',
    confidence: '[S]',
    individual: { kind: 'calendar-days', days: 30 },
    regulators: [
      {
        key: 'ag',
        who: 'New York Attorney General, Department of State and State Police',
        citation: 'N.Y. Gen. Bus. Law §899-aa',
        confidence: '[S]',
        threshold: 1,
        comparison: '>=',
        deadline: { kind: 'with-individual-notice' },
      },
    ],
    timeZone: 'America/New_York',
    holidays: [],
    note:
      '30 days after discovery (S2659B); medical and health-insurance information covered from 2025-03-21. ' +
      'DFS is notified too only by DFS-regulated entities',
  },
  {
    state: 'TX',
    name: 'Texas',
    citation: 'Tex. Bus. & Com. Code §521.053',
    confidence: '[M]',
    individual: { kind: 'calendar-days', days: 60 },
    regulators: [
      {
        key: 'ag',
        who: 'Texas Attorney General',
        citation: 'Tex. Bus. & Com. Code §521.053',
        confidence: '[S]',
        threshold: 250,
        comparison: '>=',
        deadline: { kind: 'calendar-days', days: 30 },
      },
    ],
    timeZone: 'America/Chicago',
    timeZoneNote: 'Texas spans Central and Mountain time; the capital, Austin, is Central',
    holidays: [],
    note: 'Individual deadline of 60 days is [M]; the AG rule (250 or more Texans, 30 days) is [S]',
  },
];
