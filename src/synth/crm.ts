import type { SyntheticPatient } from './patient.ts';

/**
 * A Health Cloud Person Account as the CRM's REST API takes it on insert (no `Id`: the org assigns
 * it). Empty values are `null`, as Salesforce returns them.
 */
export interface PersonAccountRecord {
  FirstName: string;
  LastName: string;
  PersonBirthdate: string;
  PersonEmail: string;
  PersonMobilePhone: string;
  PersonMailingStreet: string;
  PersonMailingCity: string;
  PersonMailingState: string;
  PersonMailingPostalCode: string;
  PersonMailingCountry: 'US';
  IsPersonAccount: true;
  RecordTypeId?: string;
  MRN__c: string;
  SSN__c: string;
  FHIR_Patient_Id__c: string;
  /** `F32.9 Major depressive disorder, …` for the first active condition. */
  Primary_Diagnosis__c: string | null;
  Insurance_Member_Id__c: string;
  Synthetic_Watermark__c: string;
}

/** The same person for orgs that model patients as Contacts instead of Person Accounts. */
export interface CrmContactRecord {
  FirstName: string;
  LastName: string;
  Birthdate: string;
  Email: string;
  MobilePhone: string;
  MailingStreet: string;
  MailingCity: string;
  MailingState: string;
  MailingPostalCode: string;
  MailingCountry: 'US';
  MRN__c: string;
  FHIR_Patient_Id__c: string;
  Synthetic_Watermark__c: string;
}

/** CRM users type phones the way people read them; the EHR keeps E.164. Both spellings must be caught. */
export function crmPhone(e164: string): string {
  const digits = e164.replace(/^\+1/, '');
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
}

function primaryDiagnosis(p: SyntheticPatient): string | null {
  const active = p.conditions.find((condition) => condition.clinicalStatus === 'active');
  return active ? `${active.code} ${active.display}` : null;
}

export function toPersonAccount(
  p: SyntheticPatient,
  options: { recordTypeId?: string } = {},
): PersonAccountRecord {
  return {
    FirstName: p.given,
    LastName: p.family,
    PersonBirthdate: p.birthDate,
    PersonEmail: p.email,
    PersonMobilePhone: crmPhone(p.phone),
    PersonMailingStreet: p.address.line,
    PersonMailingCity: p.address.city,
    PersonMailingState: p.address.state,
    PersonMailingPostalCode: p.address.postalCode,
    PersonMailingCountry: 'US',
    IsPersonAccount: true,
    ...(options.recordTypeId === undefined ? {} : { RecordTypeId: options.recordTypeId }),
    MRN__c: p.mrn,
    SSN__c: p.ssn,
    FHIR_Patient_Id__c: p.id,
    Primary_Diagnosis__c: primaryDiagnosis(p),
    Insurance_Member_Id__c: p.insurance.memberId,
    Synthetic_Watermark__c: p.watermark,
  };
}

export function toCrmContact(p: SyntheticPatient): CrmContactRecord {
  return {
    FirstName: p.given,
    LastName: p.family,
    Birthdate: p.birthDate,
    Email: p.email,
    MobilePhone: crmPhone(p.phone),
    MailingStreet: p.address.line,
    MailingCity: p.address.city,
    MailingState: p.address.state,
    MailingPostalCode: p.address.postalCode,
    MailingCountry: 'US',
    MRN__c: p.mrn,
    FHIR_Patient_Id__c: p.id,
    Synthetic_Watermark__c: p.watermark,
  };
}
