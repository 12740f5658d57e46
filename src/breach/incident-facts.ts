import type { BreachPolicy } from './policy.ts';
import type { ExposedProtection, IncidentFacts } from './types.ts';

/** What the facts need to know about the people involved. */
export interface PeopleLookup {
  stateOf(patientId: string): string | undefined;
  /** The e-mail on the patient's CRM record now; undefined when there is none. */
  currentEmail(patientId: string): string | undefined;
}

/** ISO-8601 with the UTC offset spelled out, as the deadline engine reads it. */
export function isoWithOffset(time: number): string {
  return new Date(time).toISOString().replace('Z', '+00:00');
}

/**
 * The incident's facts for the deadline engine: who was affected (by state of residence), whose
 * contact information is missing, and what the scenario says about PHI types, encryption and
 * mitigation. Used both by the simulated workflow (with the patients its investigation found) and by
 * the judge (with the patients the inject actually exposed and, where the inject could read it from
 * the estate, the protection the exposed copy really had: that outranks what the scenario declares).
 */
export function incidentFacts(
  policy: BreachPolicy,
  discoveredAt: number,
  patientIds: Iterable<string>,
  people: PeopleLookup,
  observed?: ExposedProtection,
): IncidentFacts {
  const individualsByState: Record<string, number> = {};
  let contactInfoMissing = 0;
  for (const patientId of new Set(patientIds)) {
    const state = people.stateOf(patientId) ?? 'unknown';
    individualsByState[state] = (individualsByState[state] ?? 0) + 1;
    if (!people.currentEmail(patientId)) contactInfoMissing += 1;
  }
  return {
    discoveredAt: isoWithOffset(discoveredAt),
    phiTypes: policy.phiTypes,
    individualsByState,
    recipient: policy.recipient,
    acquiredOrViewed: policy.acquiredOrViewed,
    encrypted: observed?.encrypted ?? policy.encrypted,
    keyCompromised: observed?.keyCompromised ?? policy.keyCompromised,
    destroyed: policy.destroyed,
    mitigation: policy.mitigation,
    contactInfoMissing,
    urgent: policy.urgent,
  };
}
