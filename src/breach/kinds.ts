import type { ObligationKind, PhiType, Recipient } from './types.ts';

/** The value lists behind the breach types, for schemas that must accept exactly these. */
export const PHI_TYPES = [
  'name',
  'address',
  'birth-date',
  'ssn',
  'mrn',
  'diagnosis',
  'treatment',
  'insurance-id',
  'phone',
  'email',
  'appointment',
  'financial',
] as const satisfies readonly PhiType[];

export const RECIPIENTS = [
  'unknown-outside-party',
  'known-outside-party',
  'workforce-good-faith',
  'workforce-improper',
  'authorized-person-same-entity',
  'public',
] as const satisfies readonly Recipient[];

export const OBLIGATION_KINDS = [
  'individual',
  'substitute-notice',
  'toll-free-number',
  'telephone-urgent',
  'media',
  'secretary',
  'secretary-annual-log',
  'business-associate-to-covered-entity',
  'state-individual',
  'state-regulator',
] as const satisfies readonly ObligationKind[];
