import { type FhirReference, type FhirResource, fieldOf } from './fhir-types.ts';

function patientIdOf(reference: string | undefined): string[] {
  const match = reference && /(?:^|\/)Patient\/([^/]+)$/.exec(reference);
  return match ? [match[1]!] : [];
}

/** Ids of the patients whose data a resource carries: the Patient itself, or its subject/participants. */
export function patientIdsOf(resource: FhirResource): string[] {
  if (resource.resourceType === 'Patient') return resource.id ? [resource.id] : [];
  const subject = fieldOf(resource, 'subject') as FhirReference | undefined;
  const participants =
    (fieldOf(resource, 'participant') as Array<{ actor?: FhirReference }> | undefined) ?? [];
  return [
    ...patientIdOf(subject?.reference),
    ...participants.flatMap((p) => patientIdOf(p.actor?.reference)),
  ];
}

/** Distinct patient ids across resources, in first-seen order. */
export function patientIdsIn(resources: readonly FhirResource[]): string[] {
  // A read returns one Patient, whose only id is its own: no set to build.
  const [only] = resources;
  if (resources.length === 1 && only!.resourceType === 'Patient') return patientIdsOf(only!);
  return [...new Set(resources.flatMap(patientIdsOf))];
}

/** Distinct top-level element names across resources, in first-seen order. */
export function fieldsIn(resources: readonly FhirResource[]): string[] {
  // One resource (a read) has distinct keys already.
  if (resources.length === 1) return Object.keys(resources[0]!);
  return [...new Set(resources.flatMap((resource) => Object.keys(resource)))];
}
