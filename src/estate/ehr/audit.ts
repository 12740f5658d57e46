import type { Caller } from '../caller.ts';
import type {
  FhirAuditAgent,
  FhirAuditEntity,
  FhirAuditEvent,
  FhirCoding,
  FhirReference,
} from './fhir-types.ts';
import type { EhrAuditConfig } from './state.ts';

export type AuditInteraction = 'read' | 'search-type' | 'update';

const BALP = 'https://profiles.ihe.net/ITI/BALP';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
export const REQUEST_ID_ENTITY = { system: `${BALP}/CodeSystem/BasicAuditEntityType`, code: 'XrequestId' };
export const HTEST = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' };

const SHAPE: Record<AuditInteraction, { action: 'R' | 'E' | 'U'; profile: string; patientProfile: string }> =
  {
    read: { action: 'R', profile: 'IHE.BasicAudit.Read', patientProfile: 'IHE.BasicAudit.PatientRead' },
    'search-type': {
      action: 'E',
      profile: 'IHE.BasicAudit.Query',
      patientProfile: 'IHE.BasicAudit.PatientQuery',
    },
    update: { action: 'U', profile: 'IHE.BasicAudit.Update', patientProfile: 'IHE.BasicAudit.PatientUpdate' },
  };

export interface AuditInput {
  id: string;
  recorded: string;
  interaction: AuditInteraction;
  status: number;
  diagnostics?: string;
  caller: Caller;
  /** The user or service on whose behalf the call was made (from the token), when known. */
  requestor: { who: FhirReference; name: string };
  /** The SMART client that presented the token, when known. */
  client?: { clientId: string; name: string };
  /** Where the EHR itself answers (the request's origin), for the observer and destination agent. */
  server: string;
  patientIds: readonly string[];
  /** Data objects touched, as `Type/id` references. */
  dataRefs: readonly string[];
  /** The search as sent, for `search-type`; recorded base64 as BALP asks. */
  query?: string;
  /** Purpose of use the token carries (BTG under an emergency override), on the requestor and the event. */
  purposeOfUse?: FhirCoding;
}

/** An IHE BALP-shaped AuditEvent for one RESTful interaction (DOMAIN.md §5). */
export function buildAuditEvent(input: AuditInput): FhirAuditEvent {
  const shape = SHAPE[input.interaction];
  const network = { address: input.caller.sourceIp, type: '2' };
  const agents: FhirAuditAgent[] = [
    {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }],
      },
      who: input.requestor.who,
      name: input.requestor.name,
      requestor: true,
      network,
      ...(input.purposeOfUse ? { purposeOfUse: [{ coding: [input.purposeOfUse] }] } : {}),
    },
  ];
  if (input.client) {
    agents.push({
      type: { coding: [{ system: DCM, code: '110153', display: 'Source Role ID' }] },
      who: {
        identifier: { system: 'urn:phi-drill:smart-client', value: input.client.clientId },
        display: input.client.name,
      },
      requestor: false,
      network,
    });
  }
  agents.push({
    type: { coding: [{ system: DCM, code: '110152', display: 'Destination Role ID' }] },
    who: { display: input.server },
    requestor: false,
    network: { address: new URL(input.server).hostname, type: '1' },
  });
  return {
    resourceType: 'AuditEvent',
    id: input.id,
    meta: {
      profile: [
        `${BALP}/StructureDefinition/${input.patientIds.length > 0 ? shape.patientProfile : shape.profile}`,
      ],
      security: [HTEST],
    },
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: 'rest',
      display: 'Restful Operation',
    },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: input.interaction }],
    action: shape.action,
    recorded: input.recorded,
    outcome: input.status < 400 ? '0' : input.status < 500 ? '4' : '8',
    ...(input.diagnostics ? { outcomeDesc: input.diagnostics } : {}),
    ...(input.purposeOfUse ? { purposeOfEvent: [{ coding: [input.purposeOfUse] }] } : {}),
    agent: agents,
    source: {
      observer: { display: 'phi-drill EHR', identifier: { value: input.server } },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    entity: entities(input),
  };
}

function entities(input: AuditInput): FhirAuditEntity[] {
  const list: FhirAuditEntity[] = [
    { what: { identifier: { value: input.caller.requestId } }, type: REQUEST_ID_ENTITY },
  ];
  for (const id of input.patientIds) {
    list.push({
      what: { reference: `Patient/${id}` },
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
    });
  }
  for (const reference of input.dataRefs) {
    list.push({
      what: { reference },
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
    });
  }
  if (input.query !== undefined) {
    list.push({
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
      query: Buffer.from(input.query).toString('base64'),
    });
  }
  return list;
}

/** Appends the event as the audit config allows: nothing when disabled, minus `omitFields` when degraded. */
export function recordAudit(trail: FhirAuditEvent[], config: EhrAuditConfig, event: FhirAuditEvent): void {
  if (!config.enabled) return;
  for (const path of config.omitFields ?? []) omitPath(event, path.split('.'));
  trail.push(event);
}

function omitPath(target: unknown, path: readonly string[]): void {
  if (Array.isArray(target)) {
    for (const item of target) omitPath(item, path);
    return;
  }
  if (!target || typeof target !== 'object' || path.length === 0) return;
  const [head, ...rest] = path as [string, ...string[]];
  const record = target as Record<string, unknown>;
  if (rest.length === 0) delete record[head];
  else omitPath(record[head], rest);
}

/** The AuditEvent recorded for a request id (X-Request-ID), if the trail holds one. */
export function auditRecordFor(
  trail: readonly FhirAuditEvent[],
  requestId: string,
): FhirAuditEvent | undefined {
  return trail.find((event) =>
    (event.entity ?? []).some(
      (entity) =>
        entity.type?.code === REQUEST_ID_ENTITY.code && entity.what?.identifier?.value === requestId,
    ),
  );
}
