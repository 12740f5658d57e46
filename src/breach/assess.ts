import type { AssessmentOutcome, BreachAssessment, IncidentFacts, PhiType, Recipient } from './types.ts';

/**
 * The breach assessment of 45 CFR 164.402 (DOMAIN.md §1): the three exceptions, the safe harbor for
 * secured PHI, then the four-factor risk assessment. An impermissible use or disclosure is presumed
 * a breach; only a documented low probability of compromise rebuts it (164.414(b) puts the burden
 * on the entity), so every factor must support that conclusion, not merely most of them.
 */

/**
 * Mitigation phrases the assessment recognises. Mitigation is free text; only these phrases lower
 * risk, so an unrecognised entry can never talk the assessment out of a breach.
 */
export const MITIGATION = {
  attestedDeletion: 'recipient attested deletion',
  returnedUnopened: 'returned unopened',
  couldNotRetain: 'recipient could not retain',
} as const;

/** Identifier types that enable identity theft, fraud or stigma on their own (factor i). */
const SENSITIVE: readonly PhiType[] = ['ssn', 'financial', 'insurance-id', 'diagnosis', 'treatment'];

const LOWER_RISK_RECIPIENTS: readonly Recipient[] = [
  'known-outside-party',
  'workforce-good-faith',
  'authorized-person-same-entity',
];

function mentions(facts: IncidentFacts, phrase: string): boolean {
  return facts.mitigation.some((entry) => entry.toLowerCase().includes(phrase));
}

function factors(facts: IncidentFacts): BreachAssessment['factors'] {
  const sensitive = facts.phiTypes.filter((type) => SENSITIVE.includes(type));
  // A name with a birth date re-identifies a person outside any one record set.
  const reidentifying = facts.phiTypes.includes('name') && facts.phiTypes.includes('birth-date');
  const types = facts.phiTypes.length > 0 ? facts.phiTypes.join(', ') : 'none recorded';
  const assured = [
    MITIGATION.attestedDeletion,
    MITIGATION.returnedUnopened,
    MITIGATION.couldNotRetain,
  ].filter((phrase) => mentions(facts, phrase));
  const redactionOnly = mentions(facts, 'redact');
  return [
    {
      factor: 'nature-and-extent',
      finding:
        facts.phiTypes.length === 0
          ? 'PHI types not recorded: cannot show they are limited'
          : sensitive.length > 0 || reidentifying
            ? `PHI types ${types}: ${sensitive.length > 0 ? `sensitive (${sensitive.join(', ')})` : 'name with birth date re-identifies'}`
            : `PHI types ${types}: limited identifiers`,
      raisesRisk: sensitive.length > 0 || reidentifying || facts.phiTypes.length === 0,
    },
    {
      factor: 'recipient',
      finding: facts.recipient,
      raisesRisk: !LOWER_RISK_RECIPIENTS.includes(facts.recipient),
    },
    {
      factor: 'acquired-or-viewed',
      finding: facts.acquiredOrViewed ? 'PHI was acquired or viewed' : 'PHI was not acquired or viewed',
      raisesRisk: facts.acquiredOrViewed,
    },
    {
      factor: 'mitigation',
      finding:
        assured.length > 0
          ? `mitigated: ${assured.join('; ')}`
          : `no assurance the PHI is gone${redactionOnly ? ' (redaction is not destruction)' : ''}${
              facts.mitigation.length > 0 ? `: ${facts.mitigation.join('; ')}` : ''
            }`,
      raisesRisk: assured.length === 0,
    },
  ];
}

function exception(facts: IncidentFacts): { outcome: AssessmentOutcome; basis: string } | undefined {
  if (facts.recipient === 'workforce-good-faith') {
    return { outcome: 'exception-good-faith-workforce', basis: '45 CFR 164.402(1)(i)' };
  }
  if (facts.recipient === 'authorized-person-same-entity') {
    return { outcome: 'exception-inadvertent-authorized', basis: '45 CFR 164.402(1)(ii)' };
  }
  // Retention is impossible only if nothing was acquired; a recipient who kept a copy could retain it.
  if (!facts.acquiredOrViewed && facts.recipient !== 'public' && mentions(facts, MITIGATION.couldNotRetain)) {
    return { outcome: 'exception-could-not-retain', basis: '45 CFR 164.402(1)(iii)' };
  }
  return undefined;
}

/** Secured per HHS guidance: encrypted with the key safe, or destroyed (redaction does not count). */
function securedBasis(facts: IncidentFacts): string | undefined {
  if (facts.encrypted && !facts.keyCompromised) {
    return 'HHS guidance 74 FR 19006 (encrypted per 164.304, key not compromised)';
  }
  if (facts.destroyed) return 'HHS guidance 74 FR 19006 (destroyed per SP 800-88; redaction excluded)';
  return undefined;
}

export function assessBreach(facts: IncidentFacts): BreachAssessment {
  const found = factors(facts);
  const matched = exception(facts);
  if (matched) {
    return {
      outcome: matched.outcome,
      notifiable: false,
      factors: found,
      basis: [matched.basis, '45 CFR 164.414(b)'],
    };
  }
  const secured = securedBasis(facts);
  if (secured) {
    return {
      outcome: 'secured-phi',
      notifiable: false,
      factors: found,
      basis: ['45 CFR 164.402 (unsecured protected health information)', secured, '45 CFR 164.414(b)'],
    };
  }
  const unsecured =
    facts.encrypted && facts.keyCompromised
      ? ['HHS guidance 74 FR 19006 (encryption key compromised: PHI unsecured)']
      : [];
  if (found.every((factor) => !factor.raisesRisk)) {
    return {
      outcome: 'low-probability-of-compromise',
      notifiable: false,
      factors: found,
      basis: [...unsecured, '45 CFR 164.402(2)(i)–(iv)', '45 CFR 164.414(b)'],
    };
  }
  return {
    outcome: 'presumed-breach',
    notifiable: true,
    factors: found,
    basis: [...unsecured, '45 CFR 164.402(2)', '45 CFR 164.404(a)'],
  };
}
