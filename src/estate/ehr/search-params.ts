import {
  type FhirAuditEvent,
  type FhirHumanName,
  type FhirIdentifier,
  type FhirReference,
  type FhirResource,
  fieldOf,
} from './fhir-types.ts';

export interface Token {
  system?: string;
  code: string;
}

type Values<T> = (resource: FhirResource) => T[];

/** One supported search parameter: its FHIR type and how to pull the searchable values out of a resource. */
export type SearchParamDef =
  | { type: 'string'; values: Values<string> }
  | { type: 'token'; values: Values<Token> }
  | { type: 'date'; values: Values<string> }
  | { type: 'reference'; values: Values<string> };

function names(resource: FhirResource): FhirHumanName[] {
  return (fieldOf(resource, 'name') as FhirHumanName[] | undefined) ?? [];
}

function identifiers(resource: FhirResource): Token[] {
  const list = (fieldOf(resource, 'identifier') as FhirIdentifier[] | undefined) ?? [];
  return list.flatMap((id) => (id.value ? [{ system: id.system, code: id.value }] : []));
}

function referenceAt(field: string): Values<string> {
  return (resource) => {
    const ref = fieldOf(resource, field) as FhirReference | undefined;
    return ref?.reference ? [ref.reference] : [];
  };
}

function onlyPatients(values: Values<string>): Values<string> {
  return (resource) => values(resource).filter((ref) => ref.startsWith('Patient/'));
}

const participantActors: Values<string> = (resource) => {
  const participants =
    (fieldOf(resource, 'participant') as Array<{ actor?: FhirReference }> | undefined) ?? [];
  return participants.flatMap((p) => (p.actor?.reference ? [p.actor.reference] : []));
};

const id: SearchParamDef = { type: 'token', values: (r) => (r.id ? [{ code: r.id }] : []) };

const personNames = {
  family: { type: 'string', values: (r) => names(r).flatMap((n) => (n.family ? [n.family] : [])) },
  given: { type: 'string', values: (r) => names(r).flatMap((n) => n.given ?? []) },
  name: {
    type: 'string',
    values: (r) =>
      names(r)
        .flatMap((n) => [n.text, n.family, ...(n.given ?? []), ...(n.prefix ?? []), ...(n.suffix ?? [])])
        .filter((part): part is string => Boolean(part)),
  },
  identifier: { type: 'token', values: identifiers },
} satisfies Record<string, SearchParamDef>;

const auditPatients: Values<string> = (r) =>
  ((r as FhirAuditEvent).entity ?? []).flatMap((e) =>
    e.what?.reference?.startsWith('Patient/') ? [e.what.reference] : [],
  );

const auditAgents: Values<string> = (r) =>
  (r as FhirAuditEvent).agent.flatMap((a) =>
    [a.who?.reference, a.who?.identifier?.value].filter((v): v is string => Boolean(v)),
  );

/**
 * The search parameters each resource type supports. The search engine and the CapabilityStatement
 * both read this table, so what is advertised is exactly what works.
 */
export const SEARCH_PARAMS: Readonly<Record<string, Readonly<Record<string, SearchParamDef>>>> = {
  Patient: {
    _id: id,
    ...personNames,
    birthdate: { type: 'date', values: (r) => [fieldOf(r, 'birthDate')].filter((v): v is string => !!v) },
    gender: {
      type: 'token',
      values: (r) => [fieldOf(r, 'gender')].flatMap((g) => (g ? [{ code: String(g) }] : [])),
    },
  },
  Practitioner: { _id: id, ...personNames },
  Encounter: {
    _id: id,
    patient: { type: 'reference', values: onlyPatients(referenceAt('subject')) },
    subject: { type: 'reference', values: referenceAt('subject') },
  },
  Condition: {
    _id: id,
    patient: { type: 'reference', values: onlyPatients(referenceAt('subject')) },
    subject: { type: 'reference', values: referenceAt('subject') },
  },
  Appointment: {
    _id: id,
    patient: { type: 'reference', values: onlyPatients(participantActors) },
    actor: { type: 'reference', values: participantActors },
  },
  AuditEvent: {
    _id: id,
    patient: { type: 'reference', values: auditPatients },
    agent: { type: 'reference', values: auditAgents },
    date: { type: 'date', values: (r) => [(r as FhirAuditEvent).recorded] },
  },
};
