import type { PhiType } from '../types.ts';

/**
 * The words people use for each kind of PHI in a notice. Broad on purpose (a notice in plain
 * language says "condition" as often as "diagnosis"), but each pattern needs the identifying noun,
 * so "appointment dates" is not read as a date of birth and "e-mail address" not as a home address.
 */
export const PHI_TERMS: Record<PhiType, RegExp> = {
  name: /\b(?:(?:full|first|last|patient|your|their)\s+)?names?\b/i,
  address:
    /\b(?:home|mailing|street|postal|residential|physical)\s+address(?:es)?\b|(?<!e-?mail\s|ip\s|web\s)\baddress(?:es)?\b/i,
  'birth-date': /\bdates?\s+of\s+birth\b|\bbirth\s?dates?\b|\bDOBs?\b|\bbirthdays?\b/i,
  ssn: /\bsocial\s+security\s+(?:numbers?|nos?\.?)|\bSSNs?\b/i,
  mrn: /\bmedical\s+record\s+(?:numbers?|nos?\.?)|\bMRNs?\b|\b(?:patient|chart)\s+(?:ID|identification|account)\s+numbers?\b/i,
  diagnosis:
    /\bdiagnos[ie]s\b|\bdiagnostic\s+codes?\b|\b(?:medical|health)?\s*conditions?\b|\billness(?:es)?\b/i,
  treatment:
    /\btreatments?\b|\bmedications?\b|\bprescriptions?\b|\bprocedures?\s+(?:performed|received)|\bmedical\s+procedures?\b|\b(?:lab|laboratory|test)\s+results?\b|\bclinical\s+(?:notes|information)\b/i,
  'insurance-id':
    /\b(?:health\s+)?insurance\s+(?:member\s+|policy\s+|subscriber\s+|plan\s+)?(?:ID|identification|member|policy|subscriber)\b|\bmember\s+ID\b|\bhealth\s+plan\s+(?:beneficiary|member)\s+numbers?\b|\binsurance\s+information\b/i,
  phone: /\b(?:tele)?phone\s+numbers?\b|\bmobile\s+numbers?\b|\bcell\s*phone\s+numbers?\b/i,
  email: /\be-?mail\s+address(?:es)?\b/i,
  appointment: /\bappointments?\b|\bdates?\s+of\s+service\b|\bvisit\s+(?:dates|information|details)\b/i,
  financial:
    /\b(?:bank|financial)\s+account\s+(?:numbers?|information)\b|\b(?:credit|debit|payment)\s+card\s+(?:numbers?|information)\b|\bfinancial\s+information\b|\bbilling\s+information\b/i,
};

/** The kinds of PHI a piece of text names. */
export function phiTypesNamed(text: string): Set<PhiType> {
  const named = new Set<PhiType>();
  for (const [type, pattern] of Object.entries(PHI_TERMS) as Array<[PhiType, RegExp]>) {
    if (pattern.test(text)) named.add(type);
  }
  return named;
}
