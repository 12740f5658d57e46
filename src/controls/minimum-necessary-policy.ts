/**
 * The organisation's minimum-necessary policy for CRM fields (164.502(b), 164.514(d)(2): role-based
 * access to the PHI each workforce class needs). Data, not code: a field is sensitive when it is
 * listed, and only the listed profiles may read it, whatever field-level security currently allows.
 */
export interface SensitiveField {
  object: string;
  field: string;
  /** What kind of PHI the field holds, for the signal's summary. */
  category: string;
  /** Profiles whose duties need the field. */
  entitledProfiles: readonly string[];
}

export const MINIMUM_NECESSARY_POLICY: {
  version: string;
  citation: string;
  fields: readonly SensitiveField[];
} = {
  version: '2026-03',
  citation: '45 CFR 164.502(b), 164.514(d)',
  fields: [
    {
      object: 'Account',
      field: 'Primary_Diagnosis__c',
      category: 'diagnosis',
      // The sync integration writes it from the EHR; administrators maintain the org.
      entitledProfiles: ['System Administrator', 'Integration', 'System'],
    },
    {
      object: 'Account',
      field: 'SSN__c',
      category: 'Social Security number',
      entitledProfiles: ['System Administrator', 'Integration', 'System'],
    },
  ],
};
