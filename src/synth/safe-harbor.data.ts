/**
 * The 18 identifiers that Safe Harbor de-identification removes (45 CFR 164.514(b)(2)(i)(A)–(R)),
 * by the letter of the paragraph that names each. [V] DOMAIN.md §6.
 */
export const SAFE_HARBOR_IDENTIFIERS = {
  A: 'names',
  B: 'geographic subdivisions smaller than a state',
  C: 'dates (except year) and ages over 89',
  D: 'telephone numbers',
  E: 'fax numbers',
  F: 'e-mail addresses',
  G: 'social security numbers',
  H: 'medical record numbers',
  I: 'health plan beneficiary numbers',
  J: 'account numbers',
  K: 'certificate/license numbers',
  L: 'vehicle identifiers and serial numbers',
  M: 'device identifiers and serial numbers',
  N: 'web URLs',
  O: 'IP addresses',
  P: 'biometric identifiers',
  Q: 'full-face photographs and comparable images',
  R: 'any other unique identifying number, characteristic or code',
} as const;

export type SafeHarborLetter = keyof typeof SAFE_HARBOR_IDENTIFIERS;

/**
 * Three-digit ZIP prefixes whose combined area held 20,000 people or fewer, which Safe Harbor
 * requires to be written as `000` (164.514(b)(2)(i)(B)(2)). [S] HHS OCR "Guidance Regarding Methods for
 * De-identification of PHI" (2012), §2.4, from 2000 Census data; the list changes with each census,
 * so it is kept here as data to correct without code changes.
 */
export const RESTRICTED_ZIP3: readonly string[] = [
  '036',
  '059',
  '063',
  '102',
  '203',
  '556',
  '692',
  '790',
  '821',
  '823',
  '830',
  '831',
  '878',
  '879',
  '884',
  '890',
  '893',
];
