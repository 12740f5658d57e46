/**
 * The two-letter codes of the jurisdictions whose residents a breach can affect: the 50 states, the
 * District of Columbia and the territories with breach laws of their own (USPS codes). A code outside
 * this list is a typo, not a state without a table entry, so input naming one is refused.
 */
export const US_JURISDICTIONS: readonly string[] = (
  'AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV ' +
  'NY OH OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY AS GU MP PR VI'
).split(' ');

export function isJurisdiction(code: string): boolean {
  return US_JURISDICTIONS.includes(code);
}
