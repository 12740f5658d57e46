import { describe, expect, it } from 'vitest';
import { accessLogEncoder, escapeLogField } from '../../src/telemetry/encoders/access-log.ts';
import { clfTime } from '../../src/telemetry/encoders/time-format.ts';
import { appLogWrite, CONTEXT, ehrRead, portalEgress, storageGet, syncBatch } from './encoder-samples.ts';

/** The combined format as log parsers (GoAccess, Logstash's COMBINEDAPACHELOG) split it. */
const COMBINED =
  /^(\S+) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$/;

describe('access-log encoder', () => {
  it('writes combined log lines with referer and user agent', () => {
    expect(accessLogEncoder.encode(portalEgress, CONTEXT)).toMatchInlineSnapshot(
      `"203.0.113.157 - - [02/Mar/2026:08:00:00 -0600] "GET /g/collect?v=2&en=page_view&dl=https%3A%2F%2Festate.phi-drill.test%2Fportal HTTP/1.1" 204 - "https://estate.phi-drill.test/portal" "Mozilla/5.0 (Macintosh) Safari/605.1.15""`,
    );
    expect(accessLogEncoder.encode(ehrRead, CONTEXT)).toMatchInlineSnapshot(
      `"10.99.0.22 - dr.lindqvist [02/Mar/2026:08:00:00 -0600] "GET /fhir/R4/Patient/zz-0000011 HTTP/1.1" 200 - "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36""`,
    );
    expect(accessLogEncoder.encode(storageGet, CONTEXT)).toMatch(COMBINED);
  });

  it('writes local time with the zone offset, across a daylight-saving change', () => {
    expect(clfTime(Date.UTC(2026, 2, 2, 14, 0, 0), 'America/Chicago')).toBe('02/Mar/2026:08:00:00 -0600');
    expect(clfTime(Date.UTC(2026, 6, 2, 14, 0, 0), 'America/Chicago')).toBe('02/Jul/2026:09:00:00 -0500');
    expect(clfTime(Date.UTC(2026, 0, 1, 0, 0, 5), 'Asia/Kolkata')).toBe('01/Jan/2026:05:30:05 +0530');
    expect(clfTime(Date.UTC(2026, 0, 1, 0, 0, 5), 'UTC')).toBe('01/Jan/2026:00:00:05 +0000');
  });

  it('escapes quotes, backslashes and control bytes so one request stays one parseable line', () => {
    expect(escapeLogField('a"b\\c\nd\u00e9')).toBe('a\\"b\\\\c\\x0ad\\xc3\\xa9');
    const nasty = { ...ehrRead, uri: '/fhir/R4/Patient?name="O\'Brien"\n', userAgent: 'x" "y' };
    const line = accessLogEncoder.encode(nasty, CONTEXT)!;
    expect(line).not.toContain('\n');
    const match = COMBINED.exec(line);
    expect(match?.[5]).toBe('GET /fhir/R4/Patient?name=\\"O\'Brien\\"\\x0a HTTP/1.1');
    expect(match?.[9]).toBe('x\\" \\"y');
  });

  it('has no line for events that were not HTTP requests', () => {
    expect(accessLogEncoder.encode(syncBatch, CONTEXT)).toBeUndefined();
    expect(accessLogEncoder.encode(appLogWrite, CONTEXT)).toBeUndefined();
  });
});
