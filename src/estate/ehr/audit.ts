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

/**
 * Frozen, so the parts every AuditEvent has in common can be shared between events instead of
 * built again for each: a busy server keeps ten thousand events, and the young-generation
 * collector copies every object a new one holds. Nothing writes into a recorded event (omission
 * copies the path it removes from), and freezing makes any future write fail loudly.
 */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

export const REQUEST_ID_ENTITY = frozen({
  system: `${BALP}/CodeSystem/BasicAuditEntityType`,
  code: 'XrequestId',
});
export const HTEST = frozen({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' });

const EVENT_TYPE = frozen({
  system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  code: 'rest',
  display: 'Restful Operation',
});
const SOURCE_TYPE = frozen([
  {
    system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
    code: '4',
    display: 'Application Server',
  },
]);
const REQUESTOR_TYPE = frozen({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }],
});
const SOURCE_ROLE = frozen({ coding: [{ system: DCM, code: '110153', display: 'Source Role ID' }] });
const PERSON = frozen({ system: ENTITY_TYPE, code: '1', display: 'Person' });
const PATIENT_ROLE = frozen({ system: OBJECT_ROLE, code: '1', display: 'Patient' });
const SYSTEM_OBJECT = frozen({ system: ENTITY_TYPE, code: '2', display: 'System Object' });
const DOMAIN_RESOURCE_ROLE = frozen({ system: OBJECT_ROLE, code: '4', display: 'Domain Resource' });
const QUERY_ROLE = frozen({ system: OBJECT_ROLE, code: '24', display: 'Query' });

interface Shape {
  action: 'R' | 'E' | 'U';
  subtype: FhirCoding[];
  /** `meta` without and with patients among the entities. */
  meta: { profile: string[]; security: FhirCoding[] };
  patientMeta: { profile: string[]; security: FhirCoding[] };
}

function shape(interaction: AuditInteraction, action: Shape['action'], profile: string): Shape {
  const metaFor = (name: string) => ({ profile: [`${BALP}/StructureDefinition/${name}`], security: [HTEST] });
  return frozen({
    action,
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: interaction }],
    meta: metaFor(`IHE.BasicAudit.${profile}`),
    patientMeta: metaFor(`IHE.BasicAudit.Patient${profile}`),
  });
}

const SHAPE: Record<AuditInteraction, Shape> = {
  read: shape('read', 'R', 'Read'),
  'search-type': shape('search-type', 'E', 'Query'),
  update: shape('update', 'U', 'Update'),
};

/** The parts that depend only on where the EHR answers: its destination agent and the event source. */
const serverParts = new Map<string, { destination: FhirAuditAgent; source: FhirAuditEvent['source'] }>();
/** The server address comes from the request's Host header, so a client could name endless ones. */
const MOST_SERVERS_KEPT = 64;

function partsFor(server: string) {
  let parts = serverParts.get(server);
  if (!parts) {
    if (serverParts.size >= MOST_SERVERS_KEPT) serverParts.clear();
    parts = frozen({
      destination: {
        type: { coding: [{ system: DCM, code: '110152', display: 'Destination Role ID' }] },
        who: { display: server },
        requestor: false,
        network: { address: new URL(server).hostname, type: '1' },
      },
      source: { observer: { display: 'phi-drill EHR', identifier: { value: server } }, type: SOURCE_TYPE },
    });
    serverParts.set(server, parts);
  }
  return parts;
}

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
  const server = partsFor(input.server);
  const network = { address: input.caller.sourceIp, type: '2' };
  const agents: FhirAuditAgent[] = [
    {
      type: REQUESTOR_TYPE,
      who: input.requestor.who,
      name: input.requestor.name,
      requestor: true,
      network,
      ...(input.purposeOfUse ? { purposeOfUse: [{ coding: [input.purposeOfUse] }] } : {}),
    },
  ];
  if (input.client) {
    agents.push({
      type: SOURCE_ROLE,
      who: {
        identifier: { system: 'urn:phi-drill:smart-client', value: input.client.clientId },
        display: input.client.name,
      },
      requestor: false,
      network,
    });
  }
  agents.push(server.destination);
  return {
    resourceType: 'AuditEvent',
    id: input.id,
    meta: input.patientIds.length > 0 ? shape.patientMeta : shape.meta,
    type: EVENT_TYPE,
    subtype: shape.subtype,
    action: shape.action,
    recorded: input.recorded,
    outcome: input.status < 400 ? '0' : input.status < 500 ? '4' : '8',
    ...(input.diagnostics ? { outcomeDesc: input.diagnostics } : {}),
    ...(input.purposeOfUse ? { purposeOfEvent: [{ coding: [input.purposeOfUse] }] } : {}),
    agent: agents,
    source: server.source,
    entity: entities(input),
  };
}

function entities(input: AuditInput): FhirAuditEntity[] {
  const list: FhirAuditEntity[] = [
    { what: { identifier: { value: input.caller.requestId } }, type: REQUEST_ID_ENTITY },
  ];
  for (const id of input.patientIds)
    list.push({ what: { reference: `Patient/${id}` }, type: PERSON, role: PATIENT_ROLE });
  for (const reference of input.dataRefs)
    list.push({ what: { reference }, type: SYSTEM_OBJECT, role: DOMAIN_RESOURCE_ROLE });
  if (input.query !== undefined)
    list.push({ type: SYSTEM_OBJECT, role: QUERY_ROLE, query: Buffer.from(input.query).toString('base64') });
  return list;
}

/** Appends the event as the audit config allows: nothing when disabled, minus `omitFields` when degraded. */
export function recordAudit(trail: FhirAuditEvent[], config: EhrAuditConfig, event: FhirAuditEvent): void {
  if (!config.enabled) return;
  let kept = event;
  for (const path of config.omitFields ?? []) kept = without(kept, path.split('.'));
  trail.push(kept);
}

/**
 * `value` without the field at `path` (through arrays, in each element). Copies only the objects
 * and arrays along the path, so the parts events share are never written into.
 */
function without<T>(value: T, path: readonly string[]): T {
  if (Array.isArray(value)) return value.map((item: unknown) => without(item, path)) as T;
  if (!value || typeof value !== 'object' || path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (!(head in value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== head) copy[key] = inner;
    else if (rest.length > 0) copy[key] = without(inner, rest);
  }
  return copy as T;
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
