import { describe, expect, it } from 'vitest';
import { cefEncoder, escapeCefHeader, escapeCefValue } from '../../src/telemetry/encoders/cef.ts';
import { CONTEXT, crmQueryDenied, crmReportExport, ehrRead, syncBatch } from './encoder-samples.ts';

/** Splits a CEF line the way a conforming parser does: unescaped pipes, then unescaped `key=` starts. */
function parseCef(line: string): { header: string[]; ext: Record<string, string> } {
  const header: string[] = [];
  let field = '';
  let i = 0;
  while (header.length < 7) {
    const c = line[i++]!;
    if (c === '\\') field += line[i++];
    else if (c === '|') {
      header.push(field);
      field = '';
    } else field += c;
  }
  const ext: Record<string, string> = {};
  const rest = line.slice(i);
  const keys = [...rest.matchAll(/(?:^| )(\w+)=/g)].filter((m) => rest[m.index! - 1] !== '\\');
  keys.forEach((match, k) => {
    const start = match.index! + match[0].length;
    const end = k + 1 < keys.length ? keys[k + 1]!.index! : rest.length;
    ext[match[1]!] = rest
      .slice(start, end)
      .replace(/\\n/g, '\n')
      .replace(/\\r/g, '\r')
      .replace(/\\([\\=])/g, '$1');
  });
  return { header, ext };
}

describe('cef encoder', () => {
  it('writes the header and the labelled extension for an EHR read', () => {
    expect(cefEncoder.encode(ehrRead, CONTEXT)).toMatchInlineSnapshot(
      `"CEF:0|phi-drill|phi-drill|0.1.0|fhir.read|fhir.read success|3|rt=1772460000123 src=10.99.0.22 suser=dr.lindqvist act=fhir.read cat=ehr request=/fhir/R4/Patient/zz-0000011 requestMethod=GET requestClientApplication=Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 outcome=success externalId=evt-002511 cs1Label=clientApp cs1=3MVG9XaJPrj79KX_UvuzhYz5pupVQ9fOexvQzpQGMm8w9 cs2Label=session cs2=9556c63986f58dc4 cs3Label=requestId cs3=req-001938 cs5Label=resource cs5=Patient/zz-0000011 cs6Label=scopes cs6=user/*.rs cn1Label=patientCount cn1=1 cn2Label=rows cn2=1 cn3Label=httpStatus cn3=200"`,
    );
  });

  it('rates refusals above failures above routine success, and bulk reads above routine', () => {
    const severity = (line: string | undefined) => Number(parseCef(line!).header[6]);
    expect(severity(cefEncoder.encode(crmQueryDenied, CONTEXT))).toBe(7);
    expect(severity(cefEncoder.encode(syncBatch, CONTEXT))).toBe(5);
    expect(severity(cefEncoder.encode(crmReportExport, CONTEXT))).toBe(5);
    expect(severity(cefEncoder.encode(ehrRead, CONTEXT))).toBe(3);
  });

  it('escapes pipes and backslashes in the header and newlines there become spaces', () => {
    expect(escapeCefHeader('a|b\\c\nd')).toBe('a\\|b\\\\c d');
    const context = { ...CONTEXT, product: { vendor: 'Acme|Health', name: 'drill\\lab', version: '1' } };
    const { header } = parseCef(cefEncoder.encode(ehrRead, context)!);
    expect(header.slice(0, 4)).toEqual(['CEF:0', 'Acme|Health', 'drill\\lab', '1']);
  });

  it('escapes backslash, equals and line breaks in extension values so they round-trip', () => {
    expect(escapeCefValue('a=b\\c\r\nd|e')).toBe('a\\=b\\\\c\\r\\nd|e');
    const nasty = {
      ...ehrRead,
      userAgent: 'evil=1 suser=admin\\x\nrt=0',
      uri: '/fhir/R4/Patient?name=O|Brien&x=y',
    };
    const line = cefEncoder.encode(nasty, CONTEXT)!;
    expect(line).not.toContain('\n');
    const { ext } = parseCef(line);
    expect(ext.requestClientApplication).toBe(nasty.userAgent);
    expect(ext.request).toBe(nasty.uri);
    expect(ext.suser).toBe('dr.lindqvist');
    expect(ext.rt).toBe(String(ehrRead.time));
  });

  it('leaves out custom fields the event does not carry, label and all', () => {
    const { ext } = parseCef(cefEncoder.encode(syncBatch, CONTEXT)!);
    expect(ext.cs1Label).toBeUndefined();
    expect(ext.request).toBeUndefined();
    expect(ext).toMatchObject({ cn1Label: 'patientCount', cn1: '2', outcome: 'failure' });
  });
});
