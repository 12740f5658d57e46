import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, obligationsToIcs } from '../../src/breach/ics.ts';
import type { Obligation } from '../../src/breach/types.ts';

const obligation: Obligation = {
  id: 'state-individual:CA',
  kind: 'state-individual',
  jurisdiction: 'CA',
  recipient: 'individuals resident in California',
  dueAt: '2026-04-10T23:59:59-07:00',
  individuals: 320,
  basis: 'Cal. Health & Safety Code §1280.15',
  note: 'earlier than HIPAA; the state governs, see notes\\appendix',
};

const options = { uidSeed: 'incident-7', title: 'Drill, March', dtstamp: '2026-03-19T10:00-07:00' };

function unfold(text: string): string {
  return text.replace(/\r\n /g, '');
}

describe('obligationsToIcs', () => {
  it('writes one all-day event per obligation on the jurisdiction’s due day', () => {
    const ics = obligationsToIcs([obligation], options);
    const lines = unfold(ics).split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('DTSTART;VALUE=DATE:20260410');
    expect(lines).toContain('DTEND;VALUE=DATE:20260411');
    // The stamp comes from the input, in UTC: 10:00 PDT = 17:00Z.
    expect(lines).toContain('DTSTAMP:20260319T170000Z');
    expect(lines).toContain(
      'SUMMARY:Drill\\, March: state-individual to individuals resident in California (CA)',
    );
    const description = lines.find((line) => line.startsWith('DESCRIPTION:'))!;
    expect(description).toContain('Basis: Cal. Health & Safety Code §1280.15.\\n');
    expect(description).toContain('earlier than HIPAA\\; the state governs\\, see notes\\\\appendix');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('uses CRLF only and folds every line at 75 octets', () => {
    const long = { ...obligation, note: `${'é'.repeat(60)} ${'x'.repeat(200)}` };
    const ics = obligationsToIcs([long, obligation], options);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain('é'.repeat(60));
  });

  it('keeps UIDs stable for a seed and distinct across seeds and obligations', () => {
    const uids = (seed: string) =>
      obligationsToIcs([obligation, { ...obligation, id: 'individual' }], {
        ...options,
        uidSeed: seed,
      }).match(/^UID:.*$/gm);
    expect(uids('incident-7')).toEqual(uids('incident-7'));
    expect(new Set(uids('incident-7')).size).toBe(2);
    expect(uids('incident-8')).not.toEqual(uids('incident-7'));
  });

  it('writes an empty calendar when nothing is owed', () => {
    expect(obligationsToIcs([], options)).not.toContain('VEVENT');
  });

  it('rejects a stamp that is not a date-time', () => {
    expect(() => obligationsToIcs([], { ...options, dtstamp: 'now' })).toThrow(RangeError);
  });
});

describe('RFC 5545 text', () => {
  it.each([
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['a\\b', 'a\\\\b'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\nb'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    // 74 ASCII octets + 'é' (2 octets) would make 76: the 'é' moves to the continuation line.
    const folded = foldLine(`${'a'.repeat(74)}é${'b'.repeat(10)}`);
    expect(folded).toBe(`${'a'.repeat(74)}\r\n é${'b'.repeat(10)}`);
    expect(foldLine('short')).toBe('short');
    // Exactly 75 octets stays on one line; continuation lines carry 74 octets after the space.
    expect(foldLine('c'.repeat(75))).toBe('c'.repeat(75));
    expect(foldLine('d'.repeat(75 + 74 + 1))).toBe(`${'d'.repeat(75)}\r\n ${'d'.repeat(74)}\r\n d`);
  });
});
