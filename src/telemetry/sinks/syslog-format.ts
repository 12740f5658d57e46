/** The RFC 5424 header fields a sink fixes once; TIMESTAMP and MSG vary per message. */
export interface SyslogHeader {
  facility: number;
  severity: number;
  hostname: string;
  appName: string;
  msgId: string;
  structuredData?: Record<string, Record<string, string>>;
}

const BOM = '\u{FEFF}';

/**
 * Renders the part of an RFC 5424 message that is the same for every record, validating it once:
 * `<PRI>1 ` and, after the timestamp, ` HOSTNAME APP-NAME PROCID MSGID SD `.
 */
export function syslogPrefix(header: SyslogHeader): { head: string; tail: string } {
  if (!Number.isInteger(header.facility) || header.facility < 0 || header.facility > 23) {
    throw new Error(`syslog facility must be 0–23, got ${header.facility}`);
  }
  if (!Number.isInteger(header.severity) || header.severity < 0 || header.severity > 7) {
    throw new Error(`syslog severity must be 0–7, got ${header.severity}`);
  }
  const pri = header.facility * 8 + header.severity;
  // PROCID is nil: the sender is a drill, not a daemon whose restarts a reader would track.
  const fields = [
    headerField(header.hostname, 255),
    headerField(header.appName, 48),
    '-',
    headerField(header.msgId, 32),
  ];
  return { head: `<${pri}>1 `, tail: ` ${fields.join(' ')} ${structuredData(header.structuredData)} ` };
}

/**
 * One message: TIMESTAMP from the caller's clock (UTC, milliseconds). A MSG with non-ASCII text
 * gets the BOM RFC 5424 §6.4 asks for, so receivers decode it as UTF-8; plain ASCII goes as is.
 * Line breaks are kept: octet counting (TCP) and one datagram per message (UDP) both frame them.
 */
export function syslogMessage(prefix: { head: string; tail: string }, at: number, text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  const body = /^[\x00-\x7f]*$/.test(text) ? text : `${BOM}${text}`;
  return `${prefix.head}${new Date(at).toISOString()}${prefix.tail}${body}`;
}

/** RFC 6587 §3.4.1 octet counting: `MSG-LEN SP SYSLOG-MSG`, the length in bytes, not characters. */
export function octetFrame(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `), message]);
}

/**
 * Cuts an encoded message to `max` bytes without splitting a UTF-8 sequence, so the receiver never
 * sees a broken character (RFC 5426 §3.2 lets a sender truncate; it must stay valid UTF-8).
 */
export function truncateUtf8(message: Buffer, max: number): Buffer {
  if (message.length <= max) return message;
  let end = max;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that straddles `max`.
  while (end > 0 && (message[end]! & 0xc0) === 0x80) end--;
  return message.subarray(0, end);
}

/** PRINTUSASCII (33–126) only, bounded length; anything else becomes `_`, empty becomes nil `-`. */
function headerField(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '_').slice(0, max);
  return clean === '' ? '-' : clean;
}

function structuredData(elements: Record<string, Record<string, string>> | undefined): string {
  const entries = Object.entries(elements ?? {});
  if (entries.length === 0) return '-';
  return entries
    .map(([id, params]) => {
      const name = sdName(id);
      const pairs = Object.entries(params).map(([key, value]) => ` ${sdName(key)}="${escapeParam(value)}"`);
      return `[${name}${pairs.join('')}]`;
    })
    .join('');
}

/** SD-NAME: 1–32 printable ASCII except `=`, SP, `]`, `"`. */
function sdName(value: string): string {
  const clean = value.replace(/[^\x21-\x7e]|[= \]"]/g, '_').slice(0, 32);
  if (clean === '') throw new Error('syslog structured-data names must not be empty');
  return clean;
}

/** PARAM-VALUE escapes `"`, `\` and `]` with a backslash (RFC 5424 §6.3.3). */
function escapeParam(value: string): string {
  return value.replace(/["\\\]]/g, (char) => `\\${char}`);
}
