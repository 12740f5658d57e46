import { describe, expect, it } from 'vitest';
import { rtemJsonEncoder } from '../../src/telemetry/encoders/rtem-json.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';
import {
  CONTEXT,
  crmFileDownload,
  crmLogin,
  crmQuery,
  crmQueryDenied,
  crmReportExport,
  ehrSearch,
} from './encoder-samples.ts';

const encode = (event: TelemetryEvent): Record<string, unknown> =>
  JSON.parse(rtemJsonEncoder.encode(event, CONTEXT)!) as Record<string, unknown>;

describe('rtem-json encoder', () => {
  it('writes a SOQL query as an ApiEvent shaped like the REST API returns it', () => {
    expect(encode(crmQuery)).toMatchInlineSnapshot(`
      {
        "AdditionalInfo": "{}",
        "ApiType": "REST API",
        "ApiVersion": 66,
        "Client": "Front Desk Console",
        "ConnectedAppId": null,
        "EventDate": "2026-03-02T14:00:00.123+0000",
        "EventIdentifier": "d6c47fb4-19ac-44ed-913c-09a2d12b95b6",
        "LoginKey": null,
        "Operation": "Query",
        "PolicyId": null,
        "PolicyOutcome": null,
        "QueriedEntities": "Account",
        "Query": "SELECT Id, LastName FROM Account WHERE MRN__c = 'ZZTEST-00000086'",
        "Records": "{"totalSize":1,"done":true,"recordIds":[]}",
        "RowsProcessed": 1,
        "RowsReturned": 1,
        "SessionKey": "EJCOYghHTORlBBIa",
        "SessionLevel": "STANDARD",
        "SourceIp": "10.99.0.15",
        "UserAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
        "UserId": "0056A00UDkZU002QMD",
        "Username": null,
        "attributes": {
          "type": "ApiEvent",
        },
      }
    `);
  });

  it('puts attributes first, as the REST API does', () => {
    expect(rtemJsonEncoder.encode(crmQuery, CONTEXT)).toMatch(
      /^\{"attributes":\{"type":"ApiEvent"\},"EventDate":/,
    );
  });

  it('tells QueryMore from Query and carries the record ids as JSON', () => {
    const more = encode(crmQueryDenied);
    expect(more.Operation).toBe('QueryMore');
    expect(JSON.parse(more.Records as string)).toEqual({ totalSize: 0, done: true, recordIds: [] });
    expect(more.UserId).toBeNull();
  });

  it('derives a stable UUID-shaped EventIdentifier per event', () => {
    const id = encode(crmQuery).EventIdentifier;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(encode(crmQuery).EventIdentifier).toBe(id);
    expect(encode({ ...crmQuery, id: 'evt-000011' }).EventIdentifier).not.toBe(id);
  });

  it('writes token grants as LoginEvent and report exports as ReportEvent', () => {
    expect(encode(crmLogin)).toMatchObject({
      attributes: { type: 'LoginEvent' },
      LoginType: 'Remote Access 2.0',
      Status: 'LOGIN_NO_ERROR',
      UserId: '0056A00UDkZU002QMD',
    });
    expect(encode(crmReportExport)).toMatchObject({
      attributes: { type: 'ReportEvent' },
      Operation: 'ReportExported',
      ExportFileFormat: 'CSV',
      RowsProcessed: 500,
      QueriedEntities: 'Account',
      ReportId: '00Okr00ZYKjz001E2A',
    });
  });

  it('has nothing to say about calls RTEM does not record, or systems outside the CRM', () => {
    expect(rtemJsonEncoder.encode(crmFileDownload, CONTEXT)).toBeUndefined();
    expect(rtemJsonEncoder.encode({ ...crmQuery, action: 'sf.retrieve' }, CONTEXT)).toBeUndefined();
    expect(rtemJsonEncoder.encode(ehrSearch, CONTEXT)).toBeUndefined();
  });
});
