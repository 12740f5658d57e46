import type { IncidentFacts, Obligation } from './types.ts';

/**
 * How individuals are reached when the first-class letter of 164.404(d)(1) cannot do it: substitute
 * notice for those whose contact information is insufficient or out of date (164.404(d)(2)), and a
 * telephone call on top of the letter when misuse is imminent (164.404(d)(3)). All share the
 * individual notices' deadline.
 */

/** Substitute notice by web posting or major media from 10 unreachable individuals (164.404(d)(2)(ii)). */
export const SUBSTITUTE_POSTING_THRESHOLD = 10;

function joinNote(...parts: string[]): string {
  return parts.filter((part) => part.length > 0).join('; ');
}

export function substituteObligations(
  facts: IncidentFacts,
  all: number,
  base: Pick<Obligation, 'jurisdiction' | 'dueAt'>,
  delay: string,
): Obligation[] {
  const out: Obligation[] = [];
  const missing = facts.contactInfoMissing;
  if (missing > 0 && missing < SUBSTITUTE_POSTING_THRESHOLD) {
    out.push({
      ...base,
      id: 'substitute-notice',
      kind: 'substitute-notice',
      recipient: 'individuals with insufficient or out-of-date contact information',
      individuals: missing,
      basis: '45 CFR 164.404(d)(2)(i)',
      note: joinNote(
        `fewer than ${SUBSTITUTE_POSTING_THRESHOLD} (${missing}): alternative written notice, telephone or other means`,
        delay,
      ),
    });
  } else if (missing >= SUBSTITUTE_POSTING_THRESHOLD) {
    out.push(
      {
        ...base,
        id: 'substitute-notice',
        kind: 'substitute-notice',
        recipient: 'individuals with insufficient or out-of-date contact information',
        individuals: missing,
        basis: '45 CFR 164.404(d)(2)(ii)',
        note: joinNote(
          `${SUBSTITUTE_POSTING_THRESHOLD} or more (${missing}): conspicuous home-page posting for 90 days, or major print or broadcast media where they likely live`,
          delay,
        ),
      },
      {
        ...base,
        id: 'toll-free-number',
        kind: 'toll-free-number',
        recipient: 'individuals with insufficient or out-of-date contact information',
        individuals: missing,
        basis: '45 CFR 164.404(d)(2)(ii)(B)',
        note: joinNote('toll-free number in the substitute notice, active at least 90 days [M]', delay),
      },
    );
  }
  if (facts.urgent) {
    out.push({
      ...base,
      id: 'telephone-urgent',
      kind: 'telephone-urgent',
      recipient: 'individuals at risk of imminent misuse',
      individuals: all,
      basis: '45 CFR 164.404(d)(3)',
      note: joinNote(
        'telephone in addition to written notice [M]; as soon as possible, this date is only the outer limit',
        delay,
      ),
    });
  }
  return out;
}
