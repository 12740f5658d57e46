import { describe, expect, it } from 'vitest';
import { Agenda } from '../../src/clock/agenda.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { formatDuration, parseDuration } from '../../src/clock/duration.ts';
import { isBusinessHours } from '../../src/clock/local-time.ts';

describe('virtual clock and agenda', () => {
  it('jumps from item to item in time order, same-instant items in insertion order', async () => {
    const clock = new VirtualClock(0);
    const agenda = new Agenda();
    const seen: string[] = [];
    agenda.at(30, 'c', () => void seen.push(`c@${clock.now()}`));
    agenda.at(10, 'a', () => {
      seen.push(`a@${clock.now()}`);
      agenda.at(20, 'b', () => void seen.push(`b@${clock.now()}`));
    });
    agenda.at(30, 'd', () => void seen.push(`d@${clock.now()}`));
    await agenda.runUntil(clock, 25);
    expect(seen).toEqual(['a@10', 'b@20']);
    expect(clock.now()).toBe(25);
    await agenda.runUntil(clock, 100);
    expect(seen).toEqual(['a@10', 'b@20', 'c@30', 'd@30']);
  });

  it('runs a 60-day window without waiting', async () => {
    const clock = new VirtualClock(0);
    await clock.sleepUntil(60 * 86_400_000);
    expect(clock.now()).toBe(5_184_000_000);
  });
});

describe('durations and local time', () => {
  it('parses and formats durations, rejecting malformed ones', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('60d')).toBe(5_184_000_000);
    expect(parseDuration('15 minutes')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(formatDuration(4 * 60_000 + 12_000)).toBe('4m12s');
  });

  it('knows clinic hours in the organisation’s zone', () => {
    expect(isBusinessHours(Date.parse('2026-03-03T14:00:00Z'), 'America/New_York')).toBe(true);
    expect(isBusinessHours(Date.parse('2026-03-04T07:00:00Z'), 'America/New_York')).toBe(false);
    expect(isBusinessHours(Date.parse('2026-03-07T15:00:00Z'), 'America/New_York')).toBe(false);
  });
});
