import { createHash } from 'node:crypto';
import { addDays } from '../clock/civil-date.ts';
import type { Obligation } from './types.ts';

/**
 * Obligations as an RFC 5545 calendar: one all-day VEVENT per obligation on its due day (the date
 * in the jurisdiction's own calendar). Output depends only on the inputs, so the same obligations,
 * seed and stamp give the same bytes and calendar clients update events in place by UID.
 */
export interface IcsOptions {
  /** Makes UIDs stable across runs for one incident, and distinct between incidents. */
  uidSeed: string;
  title: string;
  /** DTSTAMP as an ISO date-time; the calendar never reads the clock. */
  dtstamp: string;
  /** Why there is nothing to schedule, recorded when `obligations` is empty. */
  nothingDue?: string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT escaping of RFC 5545 §3.3.11: backslash, semicolon, comma and newlines. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space, which
 * counts toward their 75. Never splits a UTF-8 sequence, so multi-byte characters survive.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(CRLF);
}

function basicDate(date: string): string {
  return date.replace(/-/g, '');
}

function utcStamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`dtstamp is not an ISO date-time: ${iso}`);
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function uid(seed: string, id: string): string {
  return `${createHash('sha256').update(`${seed}\u0000${id}`).digest('hex').slice(0, 32)}@phi-drill`;
}

export function obligationsToIcs(obligations: readonly Obligation[], options: IcsOptions): string {
  const stamp = utcStamp(options.dtstamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//phi-drill//breach deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.title)}`,
  ];
  for (const obligation of obligations) {
    const day = obligation.dueAt.slice(0, 10);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid(options.uidSeed, obligation.id)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(day)}`,
      `DTEND;VALUE=DATE:${basicDate(addDays(day, 1))}`,
      `SUMMARY:${escapeText(`${options.title}: ${obligation.kind} to ${obligation.recipient} (${obligation.jurisdiction})`)}`,
      `DESCRIPTION:${escapeText(
        `Due ${obligation.dueAt} for ${obligation.individuals} individuals.\nBasis: ${obligation.basis}.\n${obligation.note}`,
      )}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  // RFC 5545 §3.6 requires at least one component, so a calendar with no deadline records why in a
  // VJOURNAL entry, which calendar clients keep without showing an event.
  if (obligations.length === 0) {
    lines.push(
      'BEGIN:VJOURNAL',
      `UID:${uid(options.uidSeed, 'nothing-due')}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(options.dtstamp.slice(0, 10))}`,
      `SUMMARY:${escapeText(`${options.title}: no notification deadlines`)}`,
      `DESCRIPTION:${escapeText(options.nothingDue ?? 'No notification obligation was found.')}`,
      'END:VJOURNAL',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
