import type { SObjectRecord } from './soql/evaluate.ts';

/**
 * The Contact fields a person account keeps on the Contact behind it. Salesforce stores a person
 * account as an Account plus a Contact (Salesforce Help, "Person Accounts": "each person account
 * has a contact record"); the `Person*` fields on Account are that contact's fields, so a query on
 * Contact returns the person account's contact with `IsPersonAccount = true`.
 */
const SHARED: ReadonlyArray<readonly [contact: string, account: string]> = [
  ['FirstName', 'FirstName'],
  ['LastName', 'LastName'],
  ['Email', 'PersonEmail'],
  ['Birthdate', 'PersonBirthdate'],
  ['MobilePhone', 'PersonMobilePhone'],
  ['MailingStreet', 'PersonMailingStreet'],
  ['MailingCity', 'PersonMailingCity'],
  ['MailingState', 'PersonMailingState'],
  ['MailingPostalCode', 'PersonMailingPostalCode'],
  ['MailingCountry', 'PersonMailingCountry'],
];

/** Every Contact field `personContactValues` writes. */
export const PERSON_CONTACT_FIELDS: ReadonlySet<string> = new Set([
  'AccountId',
  'IsPersonAccount',
  'OwnerId',
  'IsDeleted',
  ...SHARED.map(([contact]) => contact),
]);

/** The values the contact behind `account` carries, written by the org, never by a client. */
export function personContactValues(account: SObjectRecord): SObjectRecord {
  const values: SObjectRecord = { AccountId: account.Id ?? null, IsPersonAccount: true };
  for (const [contact, field] of SHARED) values[contact] = account[field] ?? null;
  values.OwnerId = account.OwnerId ?? null;
  values.IsDeleted = account.IsDeleted ?? false;
  return values;
}
