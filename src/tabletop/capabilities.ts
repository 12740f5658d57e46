import type { Verdict } from '../run/verdict.ts';

/** The capability each expectation type exercises, in the words an AAR/IP uses. */
export const CAPABILITY: Record<Verdict['type'], string> = {
  detect: 'Detection and monitoring (164.308(a)(1)(ii)(D))',
  log: 'Audit controls (164.312(b))',
  contain: 'Containment (164.308(a)(6)(ii))',
  notify: 'Breach notification (164.404–164.410)',
  manual: 'Incident response procedures (164.308(a)(6))',
};

/**
 * The National Preparedness Goal core capability each expectation type falls under, which HSEEP
 * exercise documents (and CISA's tabletop packages) organise objectives and ratings by.
 */
export const CORE_CAPABILITY: Record<Verdict['type'], string> = {
  detect: 'Cybersecurity',
  log: 'Forensics and Attribution',
  contain: 'Cybersecurity',
  notify: 'Public Information and Warning',
  manual: 'Operational Coordination',
};

/** HSEEP performance ratings. */
export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_TEXT: Record<Rating, string> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
};

/**
 * Rates one capability from its verdicts: all met → P; some late, none missed → S; some missed but
 * not all → M; everything judged missed → U. Not-applicable verdicts do not count either way.
 */
export function rateCapability(verdicts: readonly Verdict[]): Rating | undefined {
  const judged = verdicts.filter((verdict) => verdict.status !== 'not-applicable');
  if (judged.length === 0) return undefined;
  const missed = judged.filter((verdict) => verdict.status === 'missed').length;
  if (missed === judged.length) return 'U';
  if (missed > 0) return 'M';
  return judged.some((verdict) => verdict.status === 'late') ? 'S' : 'P';
}

/** Each capability the verdicts exercised, with the rating they suggest and the evaluator's, if any. */
export function capabilityRatings(
  verdicts: readonly Verdict[],
  evaluated: ReadonlyMap<string, Rating>,
): Array<{
  type: Verdict['type'];
  capability: string;
  coreCapability: string;
  suggested?: Rating;
  rating?: Rating;
}> {
  return (Object.keys(CAPABILITY) as Verdict['type'][]).flatMap((type) => {
    const own = verdicts.filter((verdict) => verdict.type === type);
    if (own.length === 0) return [];
    const suggested = rateCapability(own);
    const rating = evaluated.get(type);
    return [
      {
        type,
        capability: CAPABILITY[type],
        coreCapability: CORE_CAPABILITY[type],
        ...(suggested ? { suggested } : {}),
        ...(rating ? { rating } : {}),
      },
    ];
  });
}
