/**
 * Calendar arithmetic on civil dates (`YYYY-MM-DD`), done on whole day numbers so leap years and
 * year ends need no special cases. Time zones enter only at the edges: the local date of an instant,
 * and the instant that ends a local day. Nothing here reads the system clock.
 */

/** A civil date, `YYYY-MM-DD`. */
export type CivilDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parts(date: CivilDate): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a civil date: ${JSON.stringify(date)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** True for a real calendar day (rejects 2027-02-29, 2026-04-31, month 13). */
export function isCivilDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [year, month, day] = parts(text);
  return civilFromDays(daysFromCivil(year, month, day)) === text;
}

export function dayNumber(date: CivilDate): number {
  const [year, month, day] = parts(date);
  return daysFromCivil(year, month, day);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return civilFromDays(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function weekday(date: CivilDate): (typeof WEEKDAYS)[number] {
  // 1970-01-01 was a Thursday (index 4).
  return WEEKDAYS[(((dayNumber(date) + 4) % 7) + 7) % 7]!;
}

/** The last day of the calendar year the date falls in. */
export function yearEnd(date: CivilDate): CivilDate {
  return `${date.slice(0, 4)}-12-31`;
}

/**
 * Parses an ISO-8601 date-time that carries its own offset (`2026-03-04T07:00-05:00`, or `Z`).
 * Returns the epoch milliseconds, the date as written, and the offset in minutes east of UTC.
 */
export function parseZonedIso(
  text: string,
): { ms: number; localDate: CivilDate; offsetMinutes: number } | undefined {
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match || !isCivilDate(match[1]!)) return undefined;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = match[5]!;
  const offsetMinutes =
    zone === 'Z'
      ? 0
      : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : { ms, localDate: match[1]!, offsetMinutes };
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset (minutes east) at an instant, from the zone's own rendering (DST-correct). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The civil date an instant falls on in an IANA zone. */
export function localDateIn(ms: number, timeZone: string): CivilDate {
  const shifted = ms + zoneOffsetMinutes(ms, timeZone) * 60_000;
  return civilFromDays(Math.floor(shifted / 86_400_000));
}

/** The last second of a civil day at a fixed offset: `2026-05-03T23:59:59-05:00`. */
export function endOfDayAtOffset(date: CivilDate, offsetMinutes: number): string {
  return `${date}T23:59:59${formatOffset(offsetMinutes)}`;
}

/**
 * The last second of a civil day in an IANA zone, with the offset in force then. Two passes settle
 * the offset; transitions happen in the small hours, never at 23:59:59.
 */
export function endOfDayInZone(date: CivilDate, timeZone: string): string {
  const wall = dayNumber(date) * 86_400_000 + 86_399_000;
  const first = zoneOffsetMinutes(wall, timeZone);
  const offset = zoneOffsetMinutes(wall - first * 60_000, timeZone);
  return endOfDayAtOffset(date, offset);
}

/** An instant as local wall-clock time in an IANA zone: `2026-05-03T20:59:59-07:00`. */
export function formatInZone(ms: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(ms, timeZone);
  const shifted = ms + offset * 60_000;
  const date = civilFromDays(Math.floor(shifted / 86_400_000));
  const seconds = Math.floor((((shifted % 86_400_000) + 86_400_000) % 86_400_000) / 1000);
  const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return `${date}T${time}${formatOffset(offset)}`;
}
