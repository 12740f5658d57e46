import { describe, expect, it } from 'vitest';
import { localParts } from '../../src/clock/local-time.ts';

/** The parts as Intl gives them, formatted afresh: what the memoised answer must equal. */
function fresh(time: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(time);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { weekday: get('weekday'), hour: Number(get('hour')), minute: Number(get('minute')) };
}

describe('localParts, memoised per minute', () => {
  it('answers as Intl does at every 7 s across the spring-forward hour, asked twice', () => {
    // 2026-03-08 07:00Z is 02:00 EST, when New York's clocks jump to 03:00 EDT; Kolkata is +05:30.
    const from = Date.parse('2026-03-08T06:30:00Z');
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'Australia/Eucla']) {
      for (let time = from; time < from + 3_600_000; time += 7_000) {
        expect(localParts(time, zone)).toEqual(fresh(time, zone));
        expect(localParts(time, zone)).toEqual(fresh(time, zone));
      }
    }
  });

  it('formats instants before 1970 each time, where local mean time had offsets in seconds', () => {
    // New York's local mean time was UTC−4:56:02 until 1883: a UTC minute spans two local minutes.
    const time = Date.parse('1880-06-01T12:00:01Z');
    expect(localParts(time, 'America/New_York')).toEqual(fresh(time, 'America/New_York'));
    expect(localParts(time + 29_000, 'America/New_York')).toEqual(fresh(time + 29_000, 'America/New_York'));
    expect(fresh(time, 'America/New_York').minute).not.toBe(fresh(time + 29_000, 'America/New_York').minute);
  });
});
