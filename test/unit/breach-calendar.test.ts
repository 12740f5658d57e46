import { describe, expect, it } from 'vitest';
import { STATE_LAWS, STATE_LAWS_CHECKED_ON, STATE_LAWS_VERSION } from '../../src/breach/state-laws.data.ts';
import { addBusinessDays, isBusinessDay, lawFor, meetsThreshold } from '../../src/breach/state-laws.ts';
import {
  addDays,
  daysBetween,
  endOfDayInZone,
  formatInZone,
  isCivilDate,
  localDateIn,
  parseZonedIso,
  weekday,
} from '../../src/clock/civil-date.ts';

describe('civil dates', () => {
  it.each([
    // 2028 is a leap year: Jan 1 + 30 = Jan 31, + 29 (Feb) = Feb 29 (59 days), + 1 = Mar 1.
    ['2028-01-01', 60, '2028-03-01'],
    // 2027 is not: Jan 1 + 30 = Jan 31, + 28 = Feb 28 (58 days), + 2 = Mar 2.
    ['2027-01-01', 60, '2027-03-02'],
    // Dec 31 + 31 = Jan 31, + 29 = Feb 29 2028 (60 days).
    ['2027-12-31', 60, '2028-02-29'],
    // Dec 31 + 31 = Jan 31, + 28 = Feb 28 (59), + 1 = Mar 1 2027.
    ['2026-12-31', 60, '2027-03-01'],
    // 2100 is not a leap year (divisible by 100, not 400): Feb 28 + 1 = Mar 1.
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i days = %s', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
    expect(daysBetween(from, expected)).toBe(days);
  });

  it('rejects dates that do not exist', () => {
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2027-02-29')).toBe(false);
    expect(isCivilDate('2026-04-31')).toBe(false);
    expect(isCivilDate('2026-13-01')).toBe(false);
    expect(isCivilDate('2026-3-1')).toBe(false);
  });

  it('knows the weekday (2026-03-04 was a Wednesday, 2028-02-29 a Tuesday)', () => {
    expect(weekday('2026-03-04')).toBe('Wed');
    expect(weekday('2028-02-29')).toBe('Tue');
    expect(weekday('1969-12-31')).toBe('Wed');
  });

  it('parses only ISO date-times that carry an offset', () => {
    expect(parseZonedIso('2026-03-04T07:00-05:00')).toEqual({
      ms: Date.UTC(2026, 2, 4, 12),
      localDate: '2026-03-04',
      offsetMinutes: -300,
    });
    expect(parseZonedIso('2026-03-04T07:00:30.5Z')?.offsetMinutes).toBe(0);
    expect(parseZonedIso('2026-03-04T07:00')).toBeUndefined();
    expect(parseZonedIso('2026-03-04')).toBeUndefined();
    expect(parseZonedIso('2026-02-30T07:00Z')).toBeUndefined();
    expect(parseZonedIso('2026-03-04T24:00Z')).toBeUndefined();
  });

  it('ends a local day with the offset in force that evening, across daylight saving', () => {
    // Los Angeles: PST (-08:00) until 2026-03-08, PDT (-07:00) after.
    expect(endOfDayInZone('2026-03-07', 'America/Los_Angeles')).toBe('2026-03-07T23:59:59-08:00');
    expect(endOfDayInZone('2026-03-08', 'America/Los_Angeles')).toBe('2026-03-08T23:59:59-07:00');
    expect(endOfDayInZone('2026-11-01', 'America/New_York')).toBe('2026-11-01T23:59:59-05:00');
  });

  it('finds the local date of an instant in another zone', () => {
    // 01:00 in New York on New Year's Day is still 22:00 on Dec 31 in Los Angeles.
    const ms = parseZonedIso('2027-01-01T01:00-05:00')!.ms;
    expect(localDateIn(ms, 'America/Los_Angeles')).toBe('2026-12-31');
    expect(formatInZone(ms, 'America/Los_Angeles')).toBe('2026-12-31T22:00:00-08:00');
  });
});

describe('state-law table', () => {
  it('is versioned and dated', () => {
    expect(STATE_LAWS_VERSION).toMatch(/^\d{4}\.\d{2}\.\d+$/);
    expect(isCivilDate(STATE_LAWS_CHECKED_ON)).toBe(true);
  });

  it('has one entry per state, each tagged, with a real zone', () => {
    const states = STATE_LAWS.map((law) => law.state);
    expect(states).toEqual(['CA', 'CO', 'FL', 'WA', 'NY', 'TX']);
    for (const law of STATE_LAWS) {
      expect(['[V]', '[S]', '[M]']).toContain(law.confidence);
      for (const rule of law.regulators) expect(['[V]', '[S]', '[M]']).toContain(rule.confidence);
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: law.timeZone })).not.toThrow();
    }
    expect(lawFor('TX')?.confidence).toBe('[M]');
    expect(lawFor('OR')).toBeUndefined();
  });

  it('lists California holidays for 2025–2027 on weekdays only, with a source', () => {
    const ca = lawFor('CA')!;
    expect(ca.holidaysSource).toMatch(/CalHR/);
    for (const year of ['2025', '2026', '2027']) {
      expect(ca.holidays.filter((day) => day.startsWith(year)).length).toBeGreaterThanOrEqual(10);
    }
    for (const day of ca.holidays) {
      expect(isCivilDate(day)).toBe(true);
      expect(['Sat', 'Sun']).not.toContain(weekday(day));
    }
    // Cesar Chavez Day 2026 is Tuesday March 31; Independence Day 2027 (a Sunday) is observed Monday.
    expect(ca.holidays).toContain('2026-03-31');
    expect(ca.holidays).toContain('2027-07-05');
  });

  it('compares thresholds as the statute words them', () => {
    expect(meetsThreshold(500, { threshold: 500, comparison: '>=' })).toBe(true);
    expect(meetsThreshold(500, { threshold: 500, comparison: '>' })).toBe(false);
    expect(meetsThreshold(501, { threshold: 500, comparison: '>' })).toBe(true);
  });
});

describe('business days', () => {
  const holidays = lawFor('CA')!.holidays;

  it.each([
    // Fri 2026-03-06 + 1 business day: skips Sat 7 and Sun 8 → Mon 9.
    ['2026-03-06', 1, '2026-03-09'],
    // Fri 2026-01-16 + 1: skips the weekend and MLK Day (Mon 19) → Tue 20.
    ['2026-01-16', 1, '2026-01-20'],
    // Wed 2026-03-04 + 15: Mar 5,6 | 9–13 | 16–20 | 23,24,25 → Wed 25 (no holiday in range).
    ['2026-03-04', 15, '2026-03-25'],
    // Thu 2026-03-19 + 15: 20 | 23–27 | 30, (31 Cesar Chavez), Apr 1–3 | 6–10 → Fri Apr 10.
    ['2026-03-19', 15, '2026-04-10'],
    // Wed 2026-11-25 + 3: (26 Thanksgiving, 27 day after), weekend, Mon 30, Tue Dec 1, Wed Dec 2.
    ['2026-11-25', 3, '2026-12-02'],
  ])('%s + %i California business days = %s', (start, days, expected) => {
    expect(addBusinessDays(start, days, holidays)).toBe(expected);
    expect(isBusinessDay(expected, holidays)).toBe(true);
  });
});
