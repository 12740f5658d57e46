import type { TelemetryEvent } from '../event.ts';
import type { Encoder, EncoderContext } from './encoder.ts';
import { crudOf, detailBoolean, detailString, queryStringOf } from './event-facts.ts';
import { isoTime } from './time-format.ts';

const BALP = 'https://profiles.ihe.net/ITI/BALP';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const REST = {
  system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  code: 'rest',
  display: 'Restful Operation',
};
const HTEST = { system: ACT_REASON, code: 'HTEST' };
const BTG = { system: ACT_REASON, code: 'BTG', display: 'break the glass' };

interface Shape {
  type: { system: string; code: string; display?: string };
  subtype: { system: string; code: string; display?: string };
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  /** BALP profile when a patient is involved, and when none is. */
  profiles?: [patient: string, plain: string];
}

const INTERACTION = 'http://hl7.org/fhir/restful-interaction';

function rest(code: string, action: Shape['action'], profile?: string): Shape {
  const shape: Shape = { type: REST, subtype: { system: INTERACTION, code }, action };
  return profile ? { ...shape, profiles: [`Patient${profile}`, profile] } : shape;
}

const REST_SHAPES: Record<string, Shape> = {
  read: rest('read', 'R', 'Read'),
  search: rest('search-type', 'E', 'Query'),
  create: rest('create', 'C', 'Create'),
  update: rest('update', 'U', 'Update'),
  delete: rest('delete', 'D', 'Delete'),
  capabilities: rest('capabilities', 'R'),
};

/** Which audit shape an EHR action has; undefined for actions the EHR would not audit as an AuditEvent. */
function shapeOf(event: TelemetryEvent): Shape | undefined {
  switch (event.action) {
    case 'fhir.read':
      return REST_SHAPES.read;
    case 'fhir.search':
      return REST_SHAPES.search;
    case 'fhir.metadata':
      return REST_SHAPES.capabilities;
    case 'fhir.create':
    case 'fhir.update':
    case 'fhir.delete':
      return REST_SHAPES[crudOf(event)];
    case 'fhir.token':
      // DICOM "User Authentication" / "Login": the token endpoint is a sign-in, not a REST interaction.
      return {
        type: { system: DCM, code: '110114', display: 'User Authentication' },
        subtype: { system: DCM, code: '110122', display: 'Login' },
        action: 'E',
      };
    case 'fhir.break-glass':
      return {
        type: { system: DCM, code: '110113', display: 'Security Alert' },
        subtype: { system: DCM, code: '110127', display: 'Emergency Override Started' },
        action: 'E',
      };
    default:
      return undefined;
  }
}

/** audit-event-outcome: 0 success, 4 minor failure (the client's fault), 8 serious (the server's). */
function outcomeOf(event: TelemetryEvent): '0' | '4' | '8' | '12' {
  if (event.outcome === 'success') return '0';
  if (event.status !== undefined && event.status >= 500) return '8';
  return '4';
}

/** The requestor as a FHIR reference where the actor is a FHIR resource, else by identifier. */
function whoOf(event: TelemetryEvent): Record<string, unknown> {
  const display = event.actor.name;
  if (event.actor.type === 'clinician') return { reference: `Practitioner/${event.actor.id}`, display };
  if (event.actor.type === 'patient') return { reference: `Patient/${event.actor.id}`, display };
  return { identifier: { value: event.actor.id }, display };
}

function agentsOf(event: TelemetryEvent): unknown[] {
  const network = { address: event.sourceIp, type: '2' };
  const emergency = event.action === 'fhir.break-glass' || detailBoolean(event, 'breakGlass') === true;
  const agents: unknown[] = [
    {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }],
      },
      who: whoOf(event),
      requestor: true,
      network,
      ...(emergency ? { purposeOfUse: [{ coding: [BTG] }] } : {}),
    },
  ];
  // Per DICOM the client is the Source Role ID; BALP keeps the app apart from the user it acts for.
  if (event.clientApp) {
    agents.push({
      type: { coding: [{ system: DCM, code: '110153', display: 'Source Role ID' }] },
      who: { identifier: { value: event.clientApp } },
      requestor: false,
      network,
    });
  }
  return agents;
}

function entitiesOf(event: TelemetryEvent, shape: Shape): unknown[] {
  const entities: unknown[] = [];
  if (event.requestId) {
    entities.push({
      what: { identifier: { value: event.requestId } },
      type: { system: `${BALP}/CodeSystem/BasicAuditEntityType`, code: 'XrequestId' },
    });
  }
  for (const id of event.patientIds) {
    entities.push({
      what: { reference: `Patient/${id}` },
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
    });
  }
  if (event.resource.id) {
    entities.push({
      what: { reference: `${event.resource.type}/${event.resource.id}` },
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
    });
  }
  const query = detailString(event, 'query') ?? (event.uri && queryStringOf(event.uri));
  if (shape.subtype.code === 'search-type' && query !== undefined) {
    entities.push({
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
      query: Buffer.from(query).toString('base64'),
    });
  }
  return entities;
}

function auditEventOf(event: TelemetryEvent, shape: Shape, context: EncoderContext): Record<string, unknown> {
  const profile = shape.profiles?.[event.patientIds.length > 0 ? 0 : 1];
  return {
    resourceType: 'AuditEvent',
    id: event.id,
    meta: {
      ...(profile ? { profile: [`${BALP}/StructureDefinition/IHE.BasicAudit.${profile}`] } : {}),
      security: [HTEST],
    },
    type: shape.type,
    subtype: [shape.subtype],
    action: shape.action,
    recorded: isoTime(event.time),
    outcome: outcomeOf(event),
    ...(event.status !== undefined && event.outcome !== 'success'
      ? { outcomeDesc: `HTTP ${event.status}` }
      : {}),
    ...(shape.type.code === '110113' ? { purposeOfEvent: [{ coding: [BTG] }] } : {}),
    agent: agentsOf(event),
    source: {
      observer: { display: `${context.product.name} EHR` },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    entity: entitiesOf(event, shape),
  };
}

/**
 * FHIR R4 AuditEvent in the IHE Basic Audit Log Patterns shape, for EHR events only: other systems
 * keep their own audit formats, and inventing FHIR audit for them would mislead a reviewer.
 */
export const fhirAuditEncoder: Encoder = {
  id: 'fhir-audit',
  contentType: 'application/fhir+json',
  encode: (event, context) => {
    if (event.system !== 'ehr') return undefined;
    const shape = shapeOf(event);
    return shape && JSON.stringify(auditEventOf(event, shape, context));
  },
};
