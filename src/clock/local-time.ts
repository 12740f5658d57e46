const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timezone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timezone, cached);
  }
  return cached;
}

export interface LocalParts {
  readonly weekday: string;
  readonly hour: number;
  readonly minute: number;
}

const MINUTE = 60_000;
const partsCache = new Map<string, LocalParts>();

function formatParts(time: number, timezone: string): LocalParts {
  const parts = formatter(timezone).formatToParts(time);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return Object.freeze({ weekday: get('weekday'), hour: Number(get('hour')), minute: Number(get('minute')) });
}

/**
 * Local wall-clock parts of an instant in an IANA zone (pure: reads no system time). Since 1970
 * every zone's offset is a whole number of minutes, so the parts are the same for every instant of
 * a UTC minute and are memoised per minute: controls ask for each telemetry event, and formatting a
 * date in a zone costs microseconds each time. Earlier instants (local mean time had offsets in
 * seconds) are formatted each time.
 */
export function localParts(time: number, timezone: string): LocalParts {
  if (time < 0) return formatParts(time, timezone);
  const key = `${timezone}|${Math.floor(time / MINUTE)}`;
  let found = partsCache.get(key);
  if (!found) {
    found = formatParts(time, timezone);
    if (partsCache.size > 50_000) partsCache.clear();
    partsCache.set(key, found);
  }
  return found;
}

/** Clinic hours: Monday to Friday, 07:00–19:00 local (background traffic asks constantly; `localParts` is memoised). */
export function isBusinessHours(time: number, timezone: string): boolean {
  const { weekday, hour } = localParts(time, timezone);
  return weekday !== 'Sat' && weekday !== 'Sun' && hour >= 7 && hour < 19;
}

/**
 * `2026-03-03 15:00 EST`: the drill clock in the simulated organisation's own zone, because "3 pm on
 * a Tuesday" tells a table who is on shift; the zone's short name says which time it is.
 */
export function localClockTime(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** The first instant strictly after `time` when the local clock in `timezone` reads `hour`:00 (nightly jobs). */
export function nextLocalHour(time: number, timezone: string, hour: number): number {
  const parts = localParts(time, timezone);
  const minutes = ((hour - parts.hour + 24) % 24) * 60 - parts.minute;
  return time + (minutes > 0 ? minutes : minutes + 24 * 60) * 60_000;
}
