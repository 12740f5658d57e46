import { describe, expect, it } from 'vitest';
import { fhirAuditEncoder } from '../../src/telemetry/encoders/fhir-audit.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';
import {
  breakGlass,
  CONTEXT,
  crmQuery,
  ehrRead,
  ehrSearch,
  ehrSearchDenied,
  portalLogin,
  storageGet,
} from './encoder-samples.ts';

interface Entity {
  what?: { reference?: string; identifier?: { value: string } };
  type?: { code: string };
  role?: { code: string };
  query?: string;
}
interface Audit {
  meta: { profile?: string[]; security: Array<{ code: string }> };
  type: { code: string };
  subtype: Array<{ code: string }>;
  action: string;
  recorded: string;
  outcome: string;
  agent: Array<{ requestor: boolean; who: unknown; network?: { address: string } }>;
  source: { type: Array<{ code: string }> };
  entity: Entity[];
}
const encode = (event: TelemetryEvent): Audit =>
  JSON.parse(fhirAuditEncoder.encode(event, CONTEXT)!) as Audit;

describe('fhir-audit encoder', () => {
  it('writes a patient read as a BALP PatientRead AuditEvent', () => {
    expect(encode(ehrRead)).toMatchInlineSnapshot(`
      {
        "action": "R",
        "agent": [
          {
            "network": {
              "address": "10.99.0.22",
              "type": "2",
            },
            "requestor": true,
            "type": {
              "coding": [
                {
                  "code": "IRCP",
                  "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                },
              ],
            },
            "who": {
              "display": "dr.lindqvist",
              "reference": "Practitioner/dr.lindqvist",
            },
          },
          {
            "network": {
              "address": "10.99.0.22",
              "type": "2",
            },
            "requestor": false,
            "type": {
              "coding": [
                {
                  "code": "110153",
                  "display": "Source Role ID",
                  "system": "http://dicom.nema.org/resources/ontology/DCM",
                },
              ],
            },
            "who": {
              "identifier": {
                "value": "3MVG9XaJPrj79KX_UvuzhYz5pupVQ9fOexvQzpQGMm8w9",
              },
            },
          },
        ],
        "entity": [
          {
            "type": {
              "code": "XrequestId",
              "system": "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType",
            },
            "what": {
              "identifier": {
                "value": "req-001938",
              },
            },
          },
          {
            "role": {
              "code": "1",
              "display": "Patient",
              "system": "http://terminology.hl7.org/CodeSystem/object-role",
            },
            "type": {
              "code": "1",
              "display": "Person",
              "system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
            },
            "what": {
              "reference": "Patient/zz-0000011",
            },
          },
          {
            "role": {
              "code": "4",
              "display": "Domain Resource",
              "system": "http://terminology.hl7.org/CodeSystem/object-role",
            },
            "type": {
              "code": "2",
              "display": "System Object",
              "system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
            },
            "what": {
              "reference": "Patient/zz-0000011",
            },
          },
        ],
        "id": "evt-002511",
        "meta": {
          "profile": [
            "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead",
          ],
          "security": [
            {
              "code": "HTEST",
              "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
            },
          ],
        },
        "outcome": "0",
        "recorded": "2026-03-02T14:00:00.123Z",
        "resourceType": "AuditEvent",
        "source": {
          "observer": {
            "display": "phi-drill EHR",
          },
          "type": [
            {
              "code": "4",
              "display": "Application Server",
              "system": "http://terminology.hl7.org/CodeSystem/security-source-type",
            },
          ],
        },
        "subtype": [
          {
            "code": "read",
            "system": "http://hl7.org/fhir/restful-interaction",
          },
        ],
        "type": {
          "code": "rest",
          "display": "Restful Operation",
          "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
        },
      }
    `);
  });

  it('writes a search as rest/search-type/E with the query base64 and the transaction entity', () => {
    const audit = encode(ehrSearch);
    expect(audit).toMatchObject({ type: { code: 'rest' }, subtype: [{ code: 'search-type' }], action: 'E' });
    expect(audit.meta.profile).toEqual([
      'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientQuery',
    ]);
    const query = audit.entity.find((e) => e.role?.code === '24');
    expect(Buffer.from(query!.query!, 'base64').toString()).toBe('identifier=ZZTEST-00000161');
    expect(audit.entity.find((e) => e.type?.code === 'XrequestId')?.what?.identifier?.value).toBe(
      'req-002008',
    );
    const patient = audit.entity.find((e) => e.type?.code === '1');
    expect(patient).toMatchObject({ what: { reference: 'Patient/zz-0000161' }, role: { code: '1' } });
  });

  it('grades outcomes 0 / 4 / 8 by who failed', () => {
    expect(encode(ehrRead).outcome).toBe('0');
    expect(encode(ehrSearchDenied).outcome).toBe('4');
    expect(encode({ ...ehrRead, status: 503, outcome: 'failure' }).outcome).toBe('8');
  });

  it('names the requestor with its network address and the server as an application server', () => {
    const audit = encode(ehrSearchDenied);
    expect(audit.agent).toEqual([
      expect.objectContaining({ requestor: true, network: { address: '10.99.0.22', type: '2' } }),
    ]);
    expect(audit.source.type[0]!.code).toBe('4');
    expect(audit.meta.security).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' },
    ]);
    expect(audit.meta.profile![0]).toMatch(/IHE\.BasicAudit\.Query$/);
  });

  it('writes a break-glass override as a security alert with purpose BTG', () => {
    const audit = encode(breakGlass) as Audit & {
      purposeOfEvent: Array<{ coding: Array<{ code: string }> }>;
    };
    expect(audit.type.code).toBe('110113');
    expect(audit.purposeOfEvent[0]!.coding[0]!.code).toBe('BTG');
  });

  it('has nothing to say about events outside the EHR', () => {
    for (const event of [crmQuery, portalLogin, storageGet])
      expect(fhirAuditEncoder.encode(event, CONTEXT)).toBeUndefined();
    expect(fhirAuditEncoder.encode({ ...ehrRead, action: 'fhir.unknown-op' }, CONTEXT)).toBeUndefined();
  });
});
