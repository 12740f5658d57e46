/**
 * The facts of an incident as a breach assessment records them, and the notification obligations the
 * deadline engine derives from them (45 CFR 164.400–414 and state law; DOMAIN.md §1–2).
 */

/** Kinds of PHI involved, as 164.404(c)(1)(B) asks notices to list them. */
export type PhiType =
  | 'name'
  | 'address'
  | 'birth-date'
  | 'ssn'
  | 'mrn'
  | 'diagnosis'
  | 'treatment'
  | 'insurance-id'
  | 'phone'
  | 'email'
  | 'appointment'
  | 'financial';

/** Who received or used the PHI without permission. */
export type Recipient =
  | 'unknown-outside-party'
  | 'known-outside-party'
  | 'workforce-good-faith'
  | 'workforce-improper'
  | 'authorized-person-same-entity'
  | 'public';

export interface LawEnforcementDelay {
  kind: 'written' | 'oral';
  /** When the official asked for the delay (ISO date-time with offset). */
  requestedAt: string;
  /** Written: the end of the stated period. Oral: unused (≤ 30 days unless written follows). */
  until?: string;
  /** Oral requests: a written statement followed, with its end. */
  writtenUntil?: string;
}

export interface IncidentFacts {
  /** First day the breach was known or knowable (164.404(a)(2)): the earliest detectable signal, ISO with offset. */
  discoveredAt: string;
  /** When a business associate discovered it, if the breach occurred at a BA (164.410). */
  businessAssociateDiscoveredAt?: string;
  phiTypes: PhiType[];
  /** Affected individuals by state or jurisdiction of residence (two-letter codes). */
  individualsByState: Record<string, number>;
  recipient: Recipient;
  /** Factor (iii): the PHI was actually acquired or viewed. */
  acquiredOrViewed: boolean;
  /** Secured per HHS guidance: encrypted (SP 800-111 / 800-52…) with the key not compromised, or destroyed. */
  encrypted: boolean;
  keyCompromised: boolean;
  destroyed: boolean;
  /** Factor (iv): what was done to mitigate (e.g. 'recipient attested deletion'). */
  mitigation: string[];
  /** Individuals whose contact information is insufficient or out of date (substitute notice). */
  contactInfoMissing: number;
  /** Imminent misuse: telephone notice in addition (164.404(d)(3)). */
  urgent: boolean;
  lawEnforcementDelay?: LawEnforcementDelay;
}

export type AssessmentOutcome =
  | 'exception-good-faith-workforce'
  | 'exception-inadvertent-authorized'
  | 'exception-could-not-retain'
  | 'secured-phi'
  | 'low-probability-of-compromise'
  | 'presumed-breach';

export interface BreachAssessment {
  outcome: AssessmentOutcome;
  /** True when notification is required. */
  notifiable: boolean;
  /** The four factors of 164.402(2), each with the finding. */
  factors: Array<{
    factor: 'nature-and-extent' | 'recipient' | 'acquired-or-viewed' | 'mitigation';
    finding: string;
    raisesRisk: boolean;
  }>;
  /** The provision each conclusion rests on. */
  basis: string[];
}

export type ObligationKind =
  | 'individual'
  | 'substitute-notice'
  | 'toll-free-number'
  | 'telephone-urgent'
  | 'media'
  | 'secretary'
  | 'secretary-annual-log'
  | 'business-associate-to-covered-entity'
  | 'state-individual'
  | 'state-regulator';

export interface Obligation {
  /** Stable id, e.g. `individual`, `media:CA`, `state-regulator:CO`. */
  id: string;
  kind: ObligationKind;
  /** `US` for federal obligations, a state code for state ones. */
  jurisdiction: string;
  /** Who must receive it: 'individuals', 'media', 'HHS Secretary', 'Colorado Attorney General' … */
  recipient: string;
  /** Latest lawful moment, ISO with the jurisdiction's offset (end of the due day). */
  dueAt: string;
  /** Individuals it covers. */
  individuals: number;
  /** Citation the deadline comes from, e.g. `45 CFR 164.404(b)`. */
  basis: string;
  /** How it was computed (calendar vs business days, delays applied, the earlier deadline that won). */
  note: string;
  /**
   * Where a statute's HIPAA-entity provision set `dueAt`, the date the statute's own clock gives, so
   * both are seen side by side (absent when they agree or the statute sets no day).
   */
  statutory?: { dueAt: string; basis: string };
}

/** What exposed data really was: encrypted at rest or in transit, and whether its key is known to be out. */
export interface ExposedProtection {
  encrypted: boolean;
  keyCompromised: boolean;
}
