/**
 * The organisation's register of business associate agreements (164.308(b)(1), 164.504(e)): which
 * outside hosts may receive PHI, and from when to when. A scenario may declare its own register
 * (`estate.businessAssociates`); otherwise the estate's vendors below are on file.
 */
export interface BusinessAssociate {
  vendor: string;
  /** Host name the vendor's endpoint answers on (a reserved `.example` name on the simulated estate). */
  host: string;
  /** Day the BAA took effect (YYYY-MM-DD). */
  baaSigned: string;
  /** Day it ends, if it does (YYYY-MM-DD, exclusive). */
  baaExpires?: string;
}

/** The patient-engagement vendor whose reminders carry PHI under a signed BAA. */
export const ENGAGEMENT_VENDOR_HOST = 'api.engagepulse.example';

export const DEFAULT_BUSINESS_ASSOCIATES: readonly BusinessAssociate[] = [
  { vendor: 'EngagePulse', host: ENGAGEMENT_VENDOR_HOST, baaSigned: '2025-01-15' },
];

/** Whether a BAA with `host` is in force on the day of `time` (UTC). */
export function coveredBy(register: readonly BusinessAssociate[], host: string, time: number): boolean {
  const day = new Date(time).toISOString().slice(0, 10);
  return register.some(
    (entry) =>
      entry.host === host.toLowerCase() &&
      entry.baaSigned <= day &&
      (entry.baaExpires === undefined || day < entry.baaExpires),
  );
}
