import { describe, expect, it } from 'vitest';
import { OCSF_CLASSES, ocsfEncoder } from '../../src/telemetry/encoders/ocsf.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';
import {
  ALL_SAMPLES,
  breakGlass,
  CONTEXT,
  crmLogin,
  crmQuery,
  crmQueryDenied,
  portalEgress,
  portalLogin,
  storageGet,
  syncBatch,
} from './encoder-samples.ts';

type Ocsf = Record<string, unknown> & { class_uid: number; activity_id: number; type_uid: number };
const encode = (event: TelemetryEvent): Ocsf => JSON.parse(ocsfEncoder.encode(event, CONTEXT)!) as Ocsf;

describe('ocsf encoder', () => {
  it('writes a CRM query as API Activity: Read', () => {
    expect(encode(crmQuery)).toMatchInlineSnapshot(`
      {
        "activity_id": 2,
        "activity_name": "Read",
        "actor": {
          "app_name": "Front Desk Console",
          "session": {
            "uid": "EJCOYghHTORlBBIa",
          },
          "user": {
            "name": "Amy Front Desk",
            "type": "front-desk",
            "uid": "0056A00UDkZU002QMD",
          },
        },
        "api": {
          "operation": "sf.query",
          "request": {
            "uid": "req-000008",
          },
          "service": {
            "name": "crm",
          },
        },
        "category_name": "Application Activity",
        "category_uid": 6,
        "class_name": "API Activity",
        "class_uid": 6003,
        "http_request": {
          "http_method": "GET",
          "uid": "req-000008",
          "url": {
            "path": "/services/data/v66.0/query",
            "query_string": "q=SELECT%20Id%2C%20LastName%20FROM%20Account%20WHERE%20MRN__c%20%3D%20%27ZZTEST-00000086%27",
          },
          "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
        },
        "http_response": {
          "code": 200,
        },
        "metadata": {
          "log_name": "crm",
          "product": {
            "name": "phi-drill",
            "vendor_name": "phi-drill",
            "version": "0.1.0",
          },
          "uid": "evt-000010",
          "version": "1.3.0",
        },
        "resources": [
          {
            "type": "Account",
          },
        ],
        "severity": "Low",
        "severity_id": 2,
        "src_endpoint": {
          "ip": "10.99.0.15",
        },
        "status": "Success",
        "status_code": "200",
        "status_id": 1,
        "time": 1772460000123,
        "type_name": "API Activity: Read",
        "type_uid": 600302,
        "unmapped": {
          "patient_count": 1,
          "rows": 1,
          "scopes": [
            "api",
            "web",
          ],
        },
      }
    `);
  });

  it('derives type_uid as class_uid × 100 + activity_id for every record', () => {
    for (const event of ALL_SAMPLES) {
      const record = encode(event);
      expect(record.type_uid).toBe(record.class_uid * 100 + record.activity_id);
    }
  });

  it('maps create, read, update and delete to API Activity 1–4', () => {
    const verbs: Array<[Partial<TelemetryEvent>, number]> = [
      [{ method: 'POST', action: 'sf.create' }, 600301],
      [{ method: 'GET', action: 'sf.retrieve' }, 600302],
      [{ method: 'PATCH', action: 'sf.upsert' }, 600303],
      [{ method: 'DELETE', action: 'sf.delete' }, 600304],
      [{ method: 'POST', action: 'fhir.search', system: 'ehr' }, 600302],
    ];
    for (const [change, typeUid] of verbs) expect(encode({ ...crmQuery, ...change }).type_uid).toBe(typeUid);
    expect(encode(syncBatch)).toMatchObject({ class_uid: 6003, status_id: 2, severity_id: 3 });
  });

  it('writes sign-ins as Authentication: Logon, with is_mfa where the event knows it', () => {
    expect(encode(crmLogin)).toMatchObject({
      class_uid: OCSF_CLASSES.authentication.uid,
      type_uid: 300201,
      user: { uid: '0056A00UDkZU002QMD' },
    });
    expect(encode(crmLogin).is_mfa).toBeUndefined();
    expect(encode({ ...portalLogin, detail: { mfa: true } }).is_mfa).toBe(true);
    expect(encode({ ...portalLogin, action: 'portal.logout' }).type_uid).toBe(300202);
    expect(encode(breakGlass).class_uid).toBe(6003);
  });

  it('writes portal traffic as HTTP Activity and storage as Web Resources Activity', () => {
    expect(encode(portalEgress)).toMatchObject({
      class_uid: 4002,
      type_uid: 400203,
      http_request: { http_method: 'GET', url: { path: '/g/collect' } },
      http_response: { code: 204 },
    });
    expect(encode(storageGet)).toMatchObject({
      class_uid: 6001,
      type_uid: 600102,
      web_resources: [{ type: 'StorageObject', uid: 'vendor-outreach-share/exports/outreach.csv' }],
    });
  });

  it('reports a refusal as a failure with high severity', () => {
    expect(encode(crmQueryDenied)).toMatchObject({
      status_id: 2,
      status: 'Failure',
      status_code: '401',
      status_detail: 'denied',
      severity_id: 4,
    });
  });
});
