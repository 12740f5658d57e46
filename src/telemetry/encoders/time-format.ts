/** Timestamp shapes the encoded formats expect; all pure, from the event's own epoch milliseconds. */

/** ISO-8601 in UTC with milliseconds: `2026-03-02T14:00:00.000Z`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** EventLogFile `TIMESTAMP`: `20260302140000.000`, GMT. */
export function elfTimestamp(ms: number): string {
  return elfTimestampOfIso(isoTime(ms));
}

/**
 * `TIMESTAMP` from the instant's ISO form (`2026-03-02T14:00:00.000Z`), for a caller that has it
 * already. Cut by position: a four-digit year is all a drill's clock produces.
 */
export function elfTimestampOfIso(iso: string): string {
  if (iso.length !== 24) return iso.replace(/[-:T]/g, '').replace('Z', '');
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 23)}`;
}

/** Salesforce REST datetime, as Real-Time Event Monitoring objects carry it: `2026-03-02T14:00:00.000+0000`. */
export function sfDateTime(ms: number): string {
  return isoTime(ms).replace('Z', '+0000');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timezone: string): Intl.DateTimeFormat {
  let cached = zoneFormatters.get(timezone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timezone, cached);
  }
  return cached;
}

/**
 * Local wall-clock fields and UTC offset (minutes east) of an instant in an IANA zone. The offset
 * is derived from the zone's own rendering, so daylight-saving transitions come out right.
 */
export function zonedTime(
  ms: number,
  timezone: string,
): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: number;
} {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timezone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  const offset = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond) / 60_000);
  return { year, month, day, hour, minute, second, offset };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** NCSA common/combined log time: `10/Oct/2000:13:55:36 -0700`, in the given zone. */
export function clfTime(ms: number, timezone: string): string {
  const t = zonedTime(ms, timezone);
  const sign = t.offset < 0 ? '-' : '+';
  const abs = Math.abs(t.offset);
  const zone = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${pad(t.day)}/${MONTHS[t.month - 1]}/${t.year}:${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${zone}`;
}
