import type { StateProfile } from './states.ts';

/**
 * Calendar arithmetic on whole days since the Unix epoch, plus local wall-clock timestamps with the
 * patient's state offset. Clinic schedules are local, and controls that judge "during clinic hours"
 * need the offset in the timestamp, not a UTC instant that hides it.
 */
export const DAY_MS = 86_400_000;

export function dayNumber(ymd: string): number {
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Days → civil date without a Date object (Hinnant's algorithm); this runs several times per record. */
export function ymdOf(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function nthSunday(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month, 1) / DAY_MS;
  return first + ((7 - weekday(first)) % 7) + (n - 1) * 7;
}

/** US rule since 2007: second Sunday of March to first Sunday of November (daytime on those days). */
export function isUsDst(day: number): boolean {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  return day >= nthSunday(year, 2, 2) && day < nthSunday(year, 10, 1);
}

export function utcOffsetHours(state: StateProfile, day: number): number {
  return state.utcOffset + (state.dst && isUsDst(day) ? 1 : 0);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-03-04T09:30:00-08:00` for minute 570 of that day in the state's local time. */
export function localIso(state: StateProfile, day: number, minuteOfDay: number): string {
  const whole = day + Math.floor(minuteOfDay / 1440);
  const minute = ((minuteOfDay % 1440) + 1440) % 1440;
  const offset = utcOffsetHours(state, whole);
  const sign = offset < 0 ? '-' : '+';
  return `${ymdOf(whole)}T${two(Math.floor(minute / 60))}:${two(minute % 60)}:00${sign}${two(Math.abs(offset))}:00`;
}
