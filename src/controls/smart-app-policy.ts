import { type Interaction, parseScope, scopeWithin } from '../estate/ehr/scopes.ts';

/** What the organisation approved a SMART app for, as recorded when it was onboarded. */
export interface SmartAppPolicy {
  /** The scopes approved for the app's purpose; anything granted beyond them is a violation. */
  approved: readonly string[];
  purpose: string;
  /** Rows of FHIR data the app may read in one clock hour before it counts as a bulk read. */
  rowsPerHour: number;
}

/**
 * The approved SMART apps of the simulated organisation, keyed by the name they are registered
 * under in the EHR. Data rather than code, so the privacy office can change it without a release;
 * clients not listed here (clinician workstations) are governed by role-based access instead.
 */
export const SMART_APP_POLICY: Readonly<Record<string, SmartAppPolicy>> = {
  'appointment-reminders': {
    approved: ['patient/Appointment.rs'],
    purpose: 'sends reminders for booked appointments',
    rowsPerHour: 100,
  },
  'portal-backend': {
    approved: ['system/Patient.r', 'system/Appointment.rs'],
    purpose: 'shows patients their own appointments',
    rowsPerHour: 2000,
  },
  'crm-sync': {
    approved: ['system/Patient.rs'],
    purpose: 'copies demographics to the CRM',
    rowsPerHour: Number.POSITIVE_INFINITY,
  },
};

const WRITES: readonly Interaction[] = ['c', 'u', 'd'];

/**
 * Why granted scopes exceed an app's approval, in the words of DOMAIN.md §5's over-broad heuristic:
 * wildcard types, write verbs for a read-only app, offline_access, user/system context where the
 * approval is patient/, no narrowing where the approval narrows. Empty when the grant is within policy.
 */
export function scopeFindings(granted: readonly string[], policy: SmartAppPolicy): string[] {
  const approved = policy.approved.map(parseScope).filter((scope) => scope !== undefined);
  const readOnly = approved.every((scope) => WRITES.every((verb) => !scope.interactions.has(verb)));
  const findings = new Set<string>();
  for (const text of granted) {
    if (policy.approved.some((outer) => scopeWithin(text, outer))) continue;
    const scope = parseScope(text);
    if (!scope) {
      findings.add(
        text === 'offline_access'
          ? 'offline_access (a refresh token that outlives the session)'
          : `${text} not approved`,
      );
      continue;
    }
    findings.add(`${text} not approved`);
    if (scope.resourceType === '*') findings.add(`wildcard resource type in ${text}`);
    const writes = WRITES.filter((verb) => scope.interactions.has(verb));
    if (readOnly && writes.length > 0) findings.add(`write verbs (${writes.join('')}) for a read-only app`);
    if (scope.context !== 'patient' && approved.every((a) => a.context === 'patient')) {
      findings.add(`${scope.context}/ context where patient/ would do`);
    }
    const narrowed = approved.some((a) => a.narrowing.length > 0);
    if (narrowed && scope.narrowing.length === 0) findings.add(`${text} has no search narrowing`);
  }
  return [...findings];
}
