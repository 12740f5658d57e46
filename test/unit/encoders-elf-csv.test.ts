import { describe, expect, it } from 'vitest';
import { csvQuote, elfCsvEncoder } from '../../src/telemetry/encoders/elf-csv.ts';
import { EVENT_LOG_HEADERS } from '../../src/telemetry/event-log-schema.ts';
import {
  appLogWrite,
  CONTEXT,
  crmFileDownload,
  crmLogin,
  crmQuery,
  crmQueryDenied,
  crmReportExport,
  ehrRead,
} from './encoder-samples.ts';

/** A small RFC 4180 reader, so the test checks what a CSV parser would actually see. */
function parseCsvRecord(line: string): string[] {
  const values: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i += 1;
          break;
        } else value += line[i++];
      }
      values.push(value);
    } else {
      const end = line.indexOf(',', i);
      values.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
    i += 1;
  }
  return values;
}

function recordOf(line: string | undefined, header: string | undefined): Record<string, string> {
  const names = parseCsvRecord(header!);
  const values = parseCsvRecord(line!);
  expect(values).toHaveLength(names.length);
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}

describe('elf-csv encoder', () => {
  it('writes a REST query as a RestApi row under the documented header', () => {
    const header = elfCsvEncoder.header!(crmQuery);
    expect(header).toBe(EVENT_LOG_HEADERS.RestApi.map((h) => `"${h}"`).join(','));
    expect(elfCsvEncoder.encode(crmQuery, CONTEXT)).toMatchInlineSnapshot(
      `""RestApi","20260302140000.123","req-000008","00D6A00SBfBL001","0056A00UDkZU002","","","/services/data/v66.0/query","EJCOYghHTORlBBIa","","Standard","S","","","","application/json","200","1516206","","","GET","Account","2","1","Front Desk Console","10.99.0.15","","","SELECT Id, LastName FROM Account WHERE MRN__c = 'ZZTEST-00000086'","2026-03-02T14:00:00.123Z","0056A00UDkZU002QMD","""`,
    );
  });

  it('formats timestamps, ids and request status as EventLogFile does', () => {
    const row = recordOf(elfCsvEncoder.encode(crmQuery, CONTEXT), elfCsvEncoder.header!(crmQuery));
    expect(row.TIMESTAMP).toBe('20260302140000.123');
    expect(row.TIMESTAMP_DERIVED).toBe('2026-03-02T14:00:00.123Z');
    expect(row.USER_ID).toBe('0056A00UDkZU002');
    expect(row.USER_ID_DERIVED).toBe('0056A00UDkZU002QMD');
    expect(row.ORGANIZATION_ID).toBe('00D6A00SBfBL001');
    expect(row.REQUEST_STATUS).toBe('S');
    expect(row.QUERY).toBe("SELECT Id, LastName FROM Account WHERE MRN__c = 'ZZTEST-00000086'");
    expect(row.USER_AGENT).toMatch(/^\d{7}$/);
  });

  it('writes a SOAP Partner call as an API row with its version', () => {
    const soap = { ...crmQuery, method: 'POST', uri: '/services/Soap/u/66.0/00D6A00SBfBL001' };
    expect(elfCsvEncoder.header!(soap)).toBe(EVENT_LOG_HEADERS.API.map(csvQuote).join(','));
    const row = recordOf(elfCsvEncoder.encode(soap, CONTEXT), elfCsvEncoder.header!(soap));
    expect(row).toMatchObject({
      EVENT_TYPE: 'API',
      API_TYPE: 'P',
      API_VERSION: '66.0',
      METHOD_NAME: 'query',
    });
  });

  it('marks a refused call as an authorization failure with no user', () => {
    const row = recordOf(
      elfCsvEncoder.encode(crmQueryDenied, CONTEXT),
      elfCsvEncoder.header!(crmQueryDenied),
    );
    expect(row).toMatchObject({ REQUEST_STATUS: 'A', STATUS_CODE: '401', USER_ID: '', USER_ID_DERIVED: '' });
  });

  it('writes a token grant as a Login row of type i', () => {
    expect(elfCsvEncoder.header!(crmLogin)).toBe(EVENT_LOG_HEADERS.Login.map(csvQuote).join(','));
    const row = recordOf(elfCsvEncoder.encode(crmLogin, CONTEXT), elfCsvEncoder.header!(crmLogin));
    expect(row).toMatchObject({ EVENT_TYPE: 'Login', LOGIN_STATUS: 'LOGIN_NO_ERROR', LOGIN_TYPE: 'i' });
  });

  it('skips a failed sign-in by a name that is no Salesforce user', () => {
    const unknown = {
      ...crmLogin,
      actor: { id: 'mallory', type: 'anonymous' as const },
      outcome: 'denied' as const,
    };
    expect(elfCsvEncoder.encode(unknown, CONTEXT)).toBeUndefined();
    expect(elfCsvEncoder.header!(unknown)).toBeUndefined();
  });

  it('writes a report export as a Report row carrying rendering type and row count', () => {
    expect(elfCsvEncoder.encode(crmReportExport, CONTEXT)).toMatchInlineSnapshot(
      `""Report","20260302140000.123","req-001470","00D6A00SBfBL001","005kr00dPMzx005","","","/00Okr00ZYKjz001","5bCXTMJq_LF7HWPp","","10.99.0.14","Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36","","2026-03-02T14:00:00.123Z","005kr00dPMzx005AYA","00Okr00ZYKjz001E2A","Standard","S","","Account","D","C","ReportExported","00Okr00ZYKjz001","00Okr00ZYKjz001E2A","500","5","","""`,
    );
  });

  it('writes a public-link download as ContentTransfer, and nothing for a failed one', () => {
    const row = recordOf(
      elfCsvEncoder.encode(crmFileDownload, CONTEXT),
      elfCsvEncoder.header!(crmFileDownload),
    );
    expect(row).toMatchObject({
      EVENT_TYPE: 'ContentTransfer',
      TRANSACTION_TYPE: 'VersionDownloadAction',
      VERSION_ID: '0686A00MCplB001',
      SIZE_BYTES: '46',
    });
    const gone = { ...crmFileDownload, status: 404, outcome: 'failure' as const };
    expect(elfCsvEncoder.encode(gone, CONTEXT)).toBeUndefined();
  });

  it('quotes every value and doubles embedded quotes, keeping line breaks inside the quotes', () => {
    const nasty = {
      ...crmQuery,
      detail: { query: 'SELECT Id FROM Account WHERE Name = \'say "hi", ok\'\nLIMIT 1' },
    };
    const line = elfCsvEncoder.encode(nasty, CONTEXT)!;
    expect(line).toContain('"SELECT Id FROM Account WHERE Name = \'say ""hi"", ok\'\nLIMIT 1"');
    expect(recordOf(line, elfCsvEncoder.header!(nasty)).QUERY).toBe(nasty.detail.query);
  });

  it('has nothing to say about events outside the CRM', () => {
    for (const event of [ehrRead, appLogWrite]) {
      expect(elfCsvEncoder.encode(event, CONTEXT)).toBeUndefined();
      expect(elfCsvEncoder.header!(event)).toBeUndefined();
    }
  });
});
