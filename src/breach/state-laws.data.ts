import { CA_CONTESTED_HOLIDAYS, CA_HOLIDAYS } from './ca-holidays.data.ts';
import type { StateLaw } from './state-laws.ts';

/**
 * State breach-notification rules that touch health data, transcribed from DOMAIN.md §2 with its
 * confidence tags. Bump `STATE_LAWS_VERSION` whenever a row changes, so a computed deadline can
 * name the table it came from. Deadlines are counted from HIPAA discovery even where a statute
 * counts from "determination" (CO, FL, TX): determination never precedes discovery, so this can
 * only make a deadline earlier, never later.
 */
export const STATE_LAWS_VERSION = '2026.12.1';
export const STATE_LAWS_CHECKED_ON = '2026-12-07';

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
    contestedHolidays: CA_CONTESTED_HOLIDAYS,
    holidaysSource:
      'CalHR state-holiday list pattern [S] projected to 2025–2027 [M]; Gov. Code §6700, §19853',
    note:
      '§1280.15 [V, AB 1755] binds licensed clinics, health facilities, home health and hospice: 15 business ' +
      'days after detection, to the patient and CDPH; law-enforcement delay allowed. Other entities fall ' +
      'under §1798.82 [S]: most expedient time possible, AG sample copy if more than 500 residents',
    source:
      'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=HSC&sectionNum=1280.15',
    version: '2026.12.1',
    hipaaEntity: {
      citation: 'Cal. Civ. Code §1798.82(e)',
      confidence: '[S]',
      individual: 'statutory',
      regulators: {},
      added: [],
      note:
        '§1798.82(e) deems a HIPAA covered entity compliant with the content and form rules of §1798.82(d) only, ' +
        'not with any clock; §1280.15 is a health-facility law with no HIPAA carve-out, so its 15 business days run',
    },
    unsettled: [
      {
        question:
          'Whether §1280.15 "business days" skip the day after Thanksgiving, a state-employee holiday (Gov. Code §19853) ' +
          'that Gov. Code §6700 does not list, and the §6700 holidays on which offices stay open',
        reading:
          'the engine skips the days state offices close (CalHR list, day after Thanksgiving included) and counts the ' +
          'open-office §6700 holidays as business days; where a count skipped the day after Thanksgiving, the note ' +
          'names the one-day-earlier date the stricter reading gives',
      },
      {
        question:
          'Whether §1280.15 binds the organisation (licensed clinic, health facility, home health, hospice)',
        reading:
          'the engine assumes it does; other entities fall under §1798.82, most expedient time possible',
      },
    ],
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
    source:
      'https://leg.colorado.gov/ (C.R.S. Title 6, Article 1, Part 7, §6-1-716), read through DOMAIN.md §2 [S]',
    version: '2026.12.1',
    hipaaEntity: {
      citation: 'C.R.S. §6-1-716(3)',
      confidence: '[M]',
      individual: 'statutory',
      regulators: {},
      added: [],
      note:
        'an entity that follows its federal regulator’s breach procedures is deemed compliant, but notice to the ' +
        'AG is still required, and where time periods conflict the shortest applies',
    },
    unsettled: [
      {
        question:
          'Whether the regulator-procedures deeming lets a HIPAA entity take HIPAA’s 60 days, or the shortest-period ' +
          'clause keeps Colorado’s 30',
        reading: 'the engine keeps 30 days (the shortest period), the reading that cannot make notice late',
      },
    ],
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
    source:
      'http://www.leg.state.fl.us/statutes/index.cfm?App_mode=Display_Statute&URL=0500-0599/0501/Sections/0501.171.html',
    version: '2026.12.1',
    hipaaEntity: {
      citation: 'Fla. Stat. §501.171(4)(g)',
      confidence: '[S]',
      individual: 'deemed',
      regulators: {},
      added: [
        {
          key: 'copy',
          who: 'Florida Department of Legal Affairs (copy of the HIPAA notice)',
          citation: 'Fla. Stat. §501.171(4)(g)',
          confidence: '[S]',
          threshold: 1,
          comparison: '>=',
          deadline: { kind: 'with-individual-notice' },
        },
      ],
      note:
        'notice under the rules of the entity’s primary federal regulator is deemed compliant with the individual-' +
        'notice subsection when a copy goes to the Department of Legal Affairs',
    },
    unsettled: [
      {
        question:
          'Whether (4)(g) also relieves the 30-day notice to the Department of Legal Affairs under (3) (500 or more)',
        reading:
          'the engine keeps the 30-day department notice: (4)(g) speaks only of the notice in subsection (4)',
      },
    ],
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
    source: 'https://app.leg.wa.gov/RCW/default.aspx?cite=19.255.010',
    version: '2026.12.1',
    hipaaEntity: {
      citation: 'RCW 19.255.010(7)',
      confidence: '[S]',
      individual: 'deemed',
      regulators: { ag: { kind: 'hitech-timing' } },
      added: [],
      note:
        'a HIPAA covered entity that complies with HITECH §13402 is deemed compliant for PHI, and notifies the AG on ' +
        'HITECH’s timing notwithstanding the 30 days (subsection number as amended by HB 1071, 2019)',
    },
    unsettled: [],
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
    source: 'https://www.nysenate.gov/legislation/laws/GBS/899-AA',
    version: '2026.12.1',
    hipaaEntity: {
      citation: 'N.Y. Gen. Bus. Law §899-aa(2)(b), (9)',
      confidence: '[S]',
      individual: 'deemed',
      regulators: {},
      added: [
        {
          key: 'ag-after-hhs',
          who: 'New York Attorney General (copy of the notification to HHS)',
          citation: 'N.Y. Gen. Bus. Law §899-aa(9)',
          confidence: '[S]',
          threshold: 1,
          comparison: '>=',
          deadline: { kind: 'after-secretary-notice', businessDays: 5 },
        },
      ],
      note:
        'notice made to individuals under HIPAA needs no additional notice to them, but the AG, Department of State ' +
        'and State Police are still told; a HIPAA entity also tells the AG within 5 business days of notifying the ' +
        'Secretary',
    },
    unsettled: [
      {
        question:
          'Whether the HIPAA carve-out of (2)(b) also displaces the 30-day limit S2659B added in December 2024',
        reading: 'the engine applies the carve-out (HIPAA’s date) and shows the 30-day date beside it',
      },
      {
        question: 'Which New York holidays the 5 business days of (9) skip',
        reading:
          'the engine holds no New York holiday list and skips only weekends, which can only make the date earlier',
      },
    ],
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
    note:
      'Individual deadline of 60 days is [M]; the AG rule (250 or more Texans, 30 days) is [S]; no HIPAA deemed-' +
      'compliance clause found in §521.053 [M], so both clocks run',
    source: 'https://statutes.capitol.texas.gov/Docs/BC/htm/BC.521.htm',
    version: '2026.12.1',
    unsettled: [
      {
        question:
          'Texas counts from when the entity "determines that the breach occurred", not from discovery',
        reading: 'the engine counts from HIPAA discovery, which can only make the date earlier',
      },
    ],
  },
];
