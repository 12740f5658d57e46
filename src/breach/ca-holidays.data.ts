import type { CivilDate } from '../clock/civil-date.ts';

/**
 * California state holidays on which state offices close, 2025–2027. Pattern from CalHR's published
 * state-holiday list [S] (a Sunday holiday is observed the Monday after; a Saturday holiday is not
 * moved, except Veterans Day, observed the Friday before), projected to these years [M]. Gov. Code
 * §6700 names further holidays (Lincoln Day, Juneteenth, Native American Day…) on which offices stay
 * open; leaving them out can only make a business-day deadline earlier.
 */
export const CA_HOLIDAYS: readonly CivilDate[] = [
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

/**
 * Closure days whose status as "business days" is unsettled: the day after Thanksgiving is a state-
 * employee holiday (Gov. Code §19853) that Gov. Code §6700 does not list. The engine skips them and
 * names the date the stricter reading would give.
 */
export const CA_CONTESTED_HOLIDAYS: readonly CivilDate[] = ['2025-11-28', '2026-11-27', '2027-11-26'];
