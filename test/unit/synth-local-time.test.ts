import { describe, expect, it } from 'vitest';
import { dayNumber, isUsDst, localIso, weekday, ymdOf } from '../../src/synth/local-time.ts';
import { createSfc32Randomizer } from '../../src/synth/random.ts';
import { stateProfile } from '../../src/synth/states.ts';

describe('calendar helpers', () => {
  it('round-trip days and civil dates, matching Date across centuries', () => {
    for (const ymd of ['1900-03-01', '1930-01-01', '2000-02-29', '2024-12-31', '2026-03-01']) {
      expect(ymdOf(dayNumber(ymd))).toBe(ymd);
      expect(ymdOf(dayNumber(ymd))).toBe(new Date(`${ymd}T00:00:00Z`).toISOString().slice(0, 10));
    }
    expect(weekday(dayNumber('2026-03-01'))).toBe(0);
  });

  it('switch US daylight saving time on the second Sunday of March and off on the first of November', () => {
    expect(isUsDst(dayNumber('2026-03-07'))).toBe(false);
    expect(isUsDst(dayNumber('2026-03-08'))).toBe(true);
    expect(isUsDst(dayNumber('2026-10-31'))).toBe(true);
    expect(isUsDst(dayNumber('2026-11-01'))).toBe(false);
  });

  it('write local timestamps with the state offset, rolling over midnight', () => {
    expect(localIso(stateProfile('CA'), dayNumber('2026-01-15'), 570)).toBe('2026-01-15T09:30:00-08:00');
    expect(localIso(stateProfile('CA'), dayNumber('2026-07-15'), 570)).toBe('2026-07-15T09:30:00-07:00');
    expect(localIso(stateProfile('AZ'), dayNumber('2026-07-15'), 570)).toBe('2026-07-15T09:30:00-07:00');
    expect(localIso(stateProfile('NY'), dayNumber('2026-01-15'), 1440 + 60)).toBe(
      '2026-01-16T01:00:00-05:00',
    );
    expect(() => stateProfile('ZZ')).toThrow(RangeError);
  });
});

describe('sfc32 randomizer', () => {
  const draw = (seed: number | number[]) => {
    const random = createSfc32Randomizer();
    random.seed(seed);
    return [random.next(), random.next(), random.next()];
  };

  it('repeats for the same seed and differs for neighbouring seeds', () => {
    expect(draw([1, 2])).toEqual(draw([1, 2]));
    expect(draw([1, 2])).not.toEqual(draw([2, 1]));
    expect(draw([1, 2])).not.toEqual(draw([1, 3]));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = createSfc32Randomizer();
    random.seed([7, 7]);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const value = random.next();
      expect(value >= 0 && value < 1).toBe(true);
      buckets[Math.floor(value * 10)]! += 1;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
