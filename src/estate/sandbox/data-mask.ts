import type { SObjectRecord } from '../crm/index.ts';

/** Replacement names from a fixed library, as a Data Mask policy's "library" masking type draws them. */
const GIVEN = ['Alex', 'Sam', 'Jordan', 'Casey', 'Riley', 'Morgan', 'Quinn', 'Avery'];
const FAMILY = ['Sample', 'Tester', 'Example', 'Placeholder', 'Dummy', 'Mock'];

/**
 * The masking policy the organisation runs on every copy of patient accounts (Salesforce Data Mask
 * on a sandbox): names from a library, identifiers replaced with values that resolve to no one, free
 * text and contact details emptied, birth dates kept only to the year. What survives a masked copy is
 * enough to test screens and integrations, and identifies nobody.
 */
export function maskAccount(record: SObjectRecord, n: number): SObjectRecord {
  const year = String(record.PersonBirthdate ?? '').slice(0, 4);
  return {
    ...record,
    FirstName: GIVEN[n % GIVEN.length]!,
    LastName: FAMILY[n % FAMILY.length]!,
    Name: `${GIVEN[n % GIVEN.length]} ${FAMILY[n % FAMILY.length]}`,
    PersonBirthdate: /^\d{4}$/.test(year) ? `${year}-01-01` : null,
    PersonEmail: `masked.${n}@sandbox.invalid`,
    PersonMobilePhone: null,
    PersonMailingStreet: null,
    PersonMailingCity: null,
    PersonMailingPostalCode: null,
    MRN__c: `MASK-${String(n).padStart(8, '0')}`,
    SSN__c: null,
    FHIR_Patient_Id__c: `masked-${n}`,
    Insurance_Member_Id__c: null,
    Primary_Diagnosis__c: null,
  };
}
