import type { Encoder } from './encoder.ts';
import { detailString, isHttp, responseBytesOf, userNameOf } from './event-facts.ts';
import { clfTime } from './time-format.ts';

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Escapes a value for a quoted log field the way Apache's mod_log_config does: backslash and double
 * quote get a backslash, control and non-ASCII bytes become `\xhh`, so one record stays one line.
 */
export function escapeLogField(value: string): string {
  // Nearly every value is plain printable ASCII; skip the byte walk for those.
  if (PLAIN.test(value)) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

/** Unquoted fields (host, user) cannot hold a space, so it is escaped like any other byte. */
function bareField(value: string | undefined): string {
  if (!value) return '-';
  return escapeLogField(value).replace(/ /g, '\\x20');
}

/**
 * NCSA combined log format, as a web tier or reverse proxy in front of the estate would write it.
 * Only request-shaped events have a line; local time is the organisation's zone.
 */
export const accessLogEncoder: Encoder = {
  id: 'access-log',
  contentType: 'text/plain',
  encode: (event, context) => {
    if (!isHttp(event)) return undefined;
    const request = `${event.method} ${event.uri} HTTP/1.1`;
    const bytes = responseBytesOf(event);
    const referer = detailString(event, 'referer');
    // A TLS-terminating edge appends `$ssl_protocol $ssl_cipher` to the combined format.
    const sslProtocol = detailString(event, 'sslProtocol');
    const tls = sslProtocol === undefined ? [] : [sslProtocol, detailString(event, 'sslCipher') ?? '-'];
    return [
      bareField(event.sourceIp),
      '-',
      bareField(userNameOf(event)),
      `[${clfTime(event.time, context.timezone)}]`,
      `"${escapeLogField(request)}"`,
      event.status === undefined ? '-' : String(event.status),
      bytes === undefined || bytes === 0 ? '-' : String(bytes),
      `"${referer ? escapeLogField(referer) : '-'}"`,
      `"${event.userAgent ? escapeLogField(event.userAgent) : '-'}"`,
      ...tls.map(bareField),
    ].join(' ');
  },
};
