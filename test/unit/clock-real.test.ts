import { afterEach, describe, expect, it, vi } from 'vitest';
import { RealClock } from '../../src/clock/clock.ts';

const DAY = 24 * 3_600_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('the real clock', () => {
  it('sleeps through a 60-day window, longer than one timer can hold, without waking early', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-03T13:00:00Z'), toFake: ['setTimeout', 'Date'] });
    const clock = new RealClock();
    const until = clock.now() + 60 * DAY;
    let woke = false;
    const sleeping = clock.sleepUntil(until).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(30 * DAY);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(30 * DAY);
    await sleeping;
    expect(woke).toBe(true);
    expect(clock.now()).toBeGreaterThanOrEqual(until);
  });

  it('returns at once for a time already passed: no timer is set', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-03T13:00:00Z'), toFake: ['setTimeout', 'Date'] });
    const clock = new RealClock();
    let woke = false;
    const sleeping = clock.sleepUntil(clock.now() - 1000).then(() => {
      woke = true;
    });
    expect(vi.getTimerCount()).toBe(0);
    await sleeping;
    expect(woke).toBe(true);
    // The failing case: a time still ahead does set one.
    void clock.sleepUntil(clock.now() + 1000);
    expect(vi.getTimerCount()).toBe(1);
  });
});
