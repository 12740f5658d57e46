/**
 * The slice of FHIR R4 JSON the simulated EHR reads and writes. Deliberately open: any object with a
 * `resourceType` can be seeded, so the store never depends on who built the resources.
 */
export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: FhirMeta;
}

export interface FhirMeta {
  versionId?: string;
  lastUpdated?: string;
  profile?: string[];
  security?: FhirCoding[];
}

export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}

export interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}

export interface FhirIdentifier {
  system?: string;
  value?: string;
  type?: FhirCodeableConcept;
}

export interface FhirReference {
  reference?: string;
  identifier?: FhirIdentifier;
  display?: string;
}

export interface FhirHumanName {
  use?: string;
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
}

export interface FhirPatient extends FhirResource {
  resourceType: 'Patient';
  identifier?: FhirIdentifier[];
  name?: FhirHumanName[];
  gender?: string;
  birthDate?: string;
}

export interface FhirAuditAgent {
  type?: FhirCodeableConcept;
  who?: FhirReference;
  name?: string;
  requestor: boolean;
  network?: { address?: string; type?: string };
  /** Why the agent acted, e.g. BTG for access under an emergency override. */
  purposeOfUse?: FhirCodeableConcept[];
}

export interface FhirAuditEntity {
  what?: FhirReference;
  type?: FhirCoding;
  role?: FhirCoding;
  query?: string;
  detail?: Array<{ type: string; valueString: string }>;
}

export interface FhirAuditEvent extends FhirResource {
  resourceType: 'AuditEvent';
  id: string;
  type: FhirCoding;
  subtype?: FhirCoding[];
  action?: 'C' | 'R' | 'U' | 'D' | 'E';
  recorded: string;
  outcome?: '0' | '4' | '8' | '12';
  outcomeDesc?: string;
  purposeOfEvent?: FhirCodeableConcept[];
  agent: FhirAuditAgent[];
  source: { site?: string; observer: FhirReference; type?: FhirCoding[] };
  entity?: FhirAuditEntity[];
}

/** Reads a property of a resource whose full type the store does not know. */
export function fieldOf(resource: FhirResource, name: string): unknown {
  return (resource as unknown as Record<string, unknown>)[name];
}
