import { KEY_PREFIX } from './ids.ts';

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'reference'
  | 'boolean'
  | 'int'
  | 'double'
  | 'date'
  | 'datetime'
  | 'base64';

export interface FieldDef {
  name: string;
  type: FieldType;
  label: string;
  length: number;
  createable: boolean;
  updateable: boolean;
  filterable: boolean;
  nillable: boolean;
  externalId: boolean;
  referenceTo: string[];
  /** The name SOQL and describe use for a lookup's parent (`Account`, `Owner`, `What`); null for other fields. */
  relationshipName: string | null;
  /** The name of the parent's child relationship this lookup forms (`Contacts`), when Salesforce names one. */
  childRelationshipName?: string;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  fields: FieldDef[];
  /** Fields that must be present on insert (beyond the person-account special case for Account). */
  required: string[];
}

type Opts = Partial<Omit<FieldDef, 'name' | 'type' | 'label' | 'relationshipName'>>;
const LENGTH: Partial<Record<FieldType, number>> = {
  string: 255,
  textarea: 32000,
  email: 80,
  phone: 40,
  url: 255,
};

function field(name: string, type: FieldType, label: string, opts: Opts = {}): FieldDef {
  const readOnly = type === 'id';
  return {
    name,
    type,
    label,
    length: opts.length ?? LENGTH[type] ?? (type === 'id' || type === 'reference' ? 18 : 0),
    createable: opts.createable ?? !readOnly,
    updateable: opts.updateable ?? !readOnly,
    filterable: opts.filterable ?? true,
    nillable: opts.nillable ?? !readOnly,
    externalId: opts.externalId ?? false,
    referenceTo: opts.referenceTo ?? [],
    relationshipName: type === 'reference' ? relationshipNameOf(name) : null,
    ...(opts.childRelationshipName ? { childRelationshipName: opts.childRelationshipName } : {}),
  };
}

/** Salesforce's naming rule: a standard lookup drops its `Id` suffix, a custom one turns `__c` into `__r`. */
function relationshipNameOf(name: string): string {
  return name.endsWith('__c') ? `${name.slice(0, -3)}__r` : name.replace(/Id$/, '');
}

const SYSTEM = { createable: false, updateable: false, nillable: false };

/** Fields every stored record carries; the store fills them, clients can only read them. */
function systemFields(): FieldDef[] {
  return [
    field('Id', 'id', 'Record ID'),
    field('IsDeleted', 'boolean', 'Deleted', SYSTEM),
    field('OwnerId', 'reference', 'Owner ID', { referenceTo: ['User'], nillable: false }),
    field('CreatedDate', 'datetime', 'Created Date', SYSTEM),
    field('CreatedById', 'reference', 'Created By ID', { ...SYSTEM, referenceTo: ['User'] }),
    field('LastModifiedDate', 'datetime', 'Last Modified Date', SYSTEM),
    field('LastModifiedById', 'reference', 'Last Modified By ID', { ...SYSTEM, referenceTo: ['User'] }),
    field('SystemModstamp', 'datetime', 'System Modstamp', SYSTEM),
  ];
}

const ACCOUNT = [
  field('Name', 'string', 'Account Name'),
  field('Type', 'picklist', 'Account Type'),
  field('Industry', 'picklist', 'Industry'),
  field('Phone', 'phone', 'Account Phone'),
  field('BillingStreet', 'textarea', 'Billing Street', { length: 255 }),
  field('BillingCity', 'string', 'Billing City', { length: 40 }),
  field('BillingState', 'string', 'Billing State/Province', { length: 80 }),
  field('BillingPostalCode', 'string', 'Billing Zip/Postal Code', { length: 20 }),
  field('RecordTypeId', 'reference', 'Record Type ID', { referenceTo: ['RecordType'] }),
  // Read-only in Salesforce (the record type decides); accepted on insert because integrations send it.
  field('IsPersonAccount', 'boolean', 'Is Person Account', { updateable: false, nillable: false }),
  field('FirstName', 'string', 'First Name', { length: 40 }),
  field('LastName', 'string', 'Last Name', { length: 80 }),
  field('PersonEmail', 'email', 'Email'),
  field('PersonBirthdate', 'date', 'Birthdate'),
  field('PersonGenderIdentity', 'picklist', 'Gender Identity'),
  field('PersonMobilePhone', 'phone', 'Mobile'),
  field('PersonHomePhone', 'phone', 'Home Phone'),
  field('PersonMailingStreet', 'textarea', 'Mailing Street', { length: 255 }),
  field('PersonMailingCity', 'string', 'Mailing City', { length: 40 }),
  field('PersonMailingState', 'string', 'Mailing State/Province', { length: 80 }),
  field('PersonMailingPostalCode', 'string', 'Mailing Zip/Postal Code', { length: 20 }),
  field('PersonMailingCountry', 'string', 'Mailing Country', { length: 80 }),
  // On a person account, the Contact Salesforce keeps behind it (read-only, set by the org).
  field('PersonContactId', 'reference', 'Person Contact ID', {
    ...SYSTEM,
    nillable: true,
    referenceTo: ['Contact'],
  }),
  field('MRN__c', 'string', 'MRN', { length: 32, externalId: true }),
  field('SSN__c', 'string', 'SSN', { length: 11 }),
  field('FHIR_Patient_Id__c', 'string', 'FHIR Patient Id', { length: 64, externalId: true }),
  field('Primary_Diagnosis__c', 'string', 'Primary Diagnosis', { length: 255 }),
  field('Insurance_Member_Id__c', 'string', 'Insurance Member Id', { length: 64 }),
  field('Synthetic_Watermark__c', 'string', 'Synthetic Watermark', { length: 128 }),
];

const CONTACT = [
  field('AccountId', 'reference', 'Account ID', {
    referenceTo: ['Account'],
    childRelationshipName: 'Contacts',
  }),
  // True on the contact behind a person account; the org sets it, clients only read it.
  field('IsPersonAccount', 'boolean', 'Is Person Account', SYSTEM),
  field('FirstName', 'string', 'First Name', { length: 40 }),
  field('LastName', 'string', 'Last Name', { length: 80 }),
  field('Email', 'email', 'Email'),
  field('Phone', 'phone', 'Business Phone'),
  field('MobilePhone', 'phone', 'Mobile Phone'),
  field('Birthdate', 'date', 'Birthdate'),
  field('Title', 'string', 'Title', { length: 128 }),
  field('MailingStreet', 'textarea', 'Mailing Street', { length: 255 }),
  field('MailingCity', 'string', 'Mailing City', { length: 40 }),
  field('MailingState', 'string', 'Mailing State/Province', { length: 80 }),
  field('MailingPostalCode', 'string', 'Mailing Zip/Postal Code', { length: 20 }),
  field('MailingCountry', 'string', 'Mailing Country', { length: 80 }),
  field('MRN__c', 'string', 'MRN', { length: 32, externalId: true }),
  field('FHIR_Patient_Id__c', 'string', 'FHIR Patient Id', { length: 64, externalId: true }),
  field('Synthetic_Watermark__c', 'string', 'Synthetic Watermark', { length: 128 }),
];

const CASE = [
  field('AccountId', 'reference', 'Account ID', { referenceTo: ['Account'], childRelationshipName: 'Cases' }),
  field('ContactId', 'reference', 'Contact ID', { referenceTo: ['Contact'], childRelationshipName: 'Cases' }),
  field('Subject', 'string', 'Subject'),
  field('Status', 'picklist', 'Status'),
  field('Priority', 'picklist', 'Priority'),
  field('Type', 'picklist', 'Case Type'),
  field('Origin', 'picklist', 'Case Origin'),
  field('Description', 'textarea', 'Description'),
  field('Due_Date__c', 'datetime', 'Due Date'),
  field('Discovery_Date__c', 'datetime', 'Discovery Date'),
  field('Legal_Basis__c', 'string', 'Legal Basis'),
  field('ClosedDate', 'datetime', 'Closed Date', SYSTEM),
];

const TASK = [
  field('WhatId', 'reference', 'Related To ID', {
    referenceTo: ['Account', 'Case'],
    childRelationshipName: 'Tasks',
  }),
  field('WhoId', 'reference', 'Name ID', { referenceTo: ['Contact'], childRelationshipName: 'Tasks' }),
  field('Subject', 'string', 'Subject'),
  field('Status', 'picklist', 'Status'),
  field('Priority', 'picklist', 'Priority'),
  field('ActivityDate', 'date', 'Due Date Only'),
  field('Description', 'textarea', 'Description'),
];

const USER = [
  field('Username', 'string', 'Username', { length: 80 }),
  field('Name', 'string', 'Full Name', { ...SYSTEM, length: 121 }),
  field('FirstName', 'string', 'First Name', { length: 40 }),
  field('LastName', 'string', 'Last Name', { length: 80 }),
  field('Email', 'email', 'Email', { length: 128 }),
  field('IsActive', 'boolean', 'Active'),
  field('UserType', 'picklist', 'User Type', SYSTEM),
  field('ProfileName__c', 'string', 'Profile', { length: 80 }),
];

const EVENT_LOG_FILE = [
  field('Id', 'id', 'Event Log File ID'),
  field('EventType', 'picklist', 'Event Type', SYSTEM),
  field('LogDate', 'datetime', 'Log Date', SYSTEM),
  field('Interval', 'picklist', 'Interval', SYSTEM),
  field('Sequence', 'int', 'Sequence', SYSTEM),
  field('LogFileLength', 'double', 'Log File Length', SYSTEM),
  field('LogFileContentType', 'string', 'Log File Content Type', SYSTEM),
  field('LogFileFieldNames', 'textarea', 'Log File Field Names', { ...SYSTEM, filterable: false }),
  field('LogFileFieldTypes', 'textarea', 'Log File Field Types', { ...SYSTEM, filterable: false }),
  field('LogFile', 'base64', 'Log File', { ...SYSTEM, filterable: false, length: 0 }),
  field('CreatedDate', 'datetime', 'Created Date', SYSTEM),
];

/** An app authorisation as administrators see it (Connected Apps OAuth Usage); deleting one revokes it. */
const OAUTH_TOKEN = [
  field('Id', 'id', 'OAuth Token ID'),
  field('AppName', 'string', 'App Name', SYSTEM),
  field('UserId', 'reference', 'User ID', SYSTEM),
  field('UseCount', 'int', 'Use Count', SYSTEM),
  field('LastUsedDate', 'datetime', 'Last Used Date', SYSTEM),
  field('CreatedDate', 'datetime', 'Created Date', SYSTEM),
];

const FIELD_PERMISSIONS = [
  field('Id', 'id', 'Field Permissions ID'),
  field('ProfileName__c', 'string', 'Profile', SYSTEM),
  field('SobjectType', 'picklist', 'Object Type', SYSTEM),
  field('Field', 'string', 'Field Name', SYSTEM),
  field('PermissionsRead', 'boolean', 'Read Access', { updateable: true }),
  field('PermissionsEdit', 'boolean', 'Edit Access', { updateable: true }),
];

/** Salesforce Files: a document, its versions (the bytes) and public-link distributions. */
const CONTENT_DOCUMENT = [
  field('Title', 'string', 'Title'),
  field('Description', 'textarea', 'Description', { length: 1000 }),
  field('FileType', 'string', 'File Type', { length: 20 }),
  field('FileExtension', 'string', 'File Extension', { length: 40 }),
  field('ContentSize', 'int', 'Size', SYSTEM),
  field('LatestPublishedVersionId', 'reference', 'Latest Published Version ID', {
    ...SYSTEM,
    referenceTo: ['ContentVersion'],
  }),
];

const CONTENT_VERSION = [
  field('ContentDocumentId', 'reference', 'Content Document ID', {
    referenceTo: ['ContentDocument'],
    childRelationshipName: 'ContentVersions',
  }),
  field('Title', 'string', 'Title'),
  field('Description', 'textarea', 'Description', { length: 1000 }),
  field('PathOnClient', 'string', 'Path On Client', { length: 500 }),
  field('FileType', 'string', 'File Type', { length: 20 }),
  field('FileExtension', 'string', 'File Extension', { length: 40 }),
  field('ContentSize', 'int', 'Size', SYSTEM),
  field('IsLatest', 'boolean', 'Is Latest', SYSTEM),
  field('VersionData', 'url', 'Version Data', { ...SYSTEM, filterable: false }),
  field('FirstPublishLocationId', 'reference', 'First Publish Location ID', { referenceTo: ['Account'] }),
  // Stands in for Shield Platform Encryption's per-file status (real orgs read it from the
  // encryption statistics, not a field); set by the org when the version is saved.
  field('Encrypted_At_Rest__c', 'boolean', 'Encrypted At Rest', SYSTEM),
];

const CONTENT_DISTRIBUTION = [
  field('Name', 'string', 'Name'),
  field('ContentVersionId', 'reference', 'Content Version ID', { referenceTo: ['ContentVersion'] }),
  field('ContentDocumentId', 'reference', 'Content Document ID', {
    ...SYSTEM,
    referenceTo: ['ContentDocument'],
    childRelationshipName: 'ContentDistributions',
  }),
  field('RelatedRecordId', 'reference', 'Related Record ID', { referenceTo: ['Account'] }),
  field('DistributionPublicUrl', 'url', 'Distribution Public Url', { ...SYSTEM, length: 1300 }),
  field('ContentDownloadUrl', 'url', 'Content Download Url', { ...SYSTEM, length: 1300 }),
  field('PreferencesAllowViewInBrowser', 'boolean', 'Allow View In Browser'),
  field('PreferencesAllowOriginalDownload', 'boolean', 'Allow Original Download'),
  field('PreferencesPasswordRequired', 'boolean', 'Password Required'),
  field('PreferencesExpires', 'boolean', 'Expires'),
  field('ExpiryDate', 'datetime', 'Expiry Date'),
  field('ViewCount', 'int', 'View Count', SYSTEM),
  field('FirstViewDate', 'datetime', 'First View Date', SYSTEM),
  field('LastViewDate', 'datetime', 'Last View Date', SYSTEM),
];

/**
 * Prospective patients, as Web-to-Lead files them. The custom fields are what an appointment-request
 * form can carry beyond contact details; whatever the form sends lands here, readable by the lead's owner.
 */
const LEAD = [
  field('FirstName', 'string', 'First Name', { length: 40 }),
  field('LastName', 'string', 'Last Name', { length: 80 }),
  field('Email', 'email', 'Email'),
  field('Phone', 'phone', 'Phone'),
  field('Company', 'string', 'Company'),
  field('LeadSource', 'picklist', 'Lead Source'),
  field('Status', 'picklist', 'Status'),
  field('Description', 'textarea', 'Description'),
  field('Birthdate__c', 'date', 'Date of Birth'),
  field('Reason_For_Visit__c', 'textarea', 'Reason for Visit', { length: 1000 }),
  field('Preferred_Date__c', 'date', 'Preferred Appointment Date'),
];

function object(
  name: keyof typeof KEY_PREFIX,
  label: string,
  labelPlural: string,
  fields: FieldDef[],
  required: string[] = [],
): ObjectDef {
  return {
    name,
    label,
    labelPlural,
    keyPrefix: KEY_PREFIX[name],
    custom: false,
    createable: true,
    fields,
    required,
  };
}

/** The org's object model. Describe, SOQL validation and record writes all read this one table. */
export const SOBJECTS: readonly ObjectDef[] = [
  object('Account', 'Account', 'Accounts', [...systemFields(), ...ACCOUNT]),
  object('Contact', 'Contact', 'Contacts', [...systemFields(), ...CONTACT], ['LastName']),
  object('Case', 'Case', 'Cases', [...systemFields(), ...CASE]),
  object('Task', 'Task', 'Tasks', [...systemFields(), ...TASK]),
  object('User', 'User', 'Users', [...systemFields(), ...USER], ['Username', 'LastName']),
  { ...object('EventLogFile', 'Event Log File', 'Event Log Files', EVENT_LOG_FILE), createable: false },
  { ...object('OauthToken', 'OAuth Token', 'OAuth Tokens', OAUTH_TOKEN), createable: false },
  {
    ...object('FieldPermissions', 'Field Permissions', 'Field Permissions', FIELD_PERMISSIONS),
    createable: false,
  },
  object('ContentDocument', 'Content Document', 'Content Documents', [
    ...systemFields(),
    ...CONTENT_DOCUMENT,
  ]),
  object('ContentVersion', 'Content Version', 'Content Versions', [...systemFields(), ...CONTENT_VERSION]),
  object('ContentDistribution', 'Content Delivery', 'Content Deliveries', [
    ...systemFields(),
    ...CONTENT_DISTRIBUTION,
  ]),
  object('Lead', 'Lead', 'Leads', [...systemFields(), ...LEAD], ['LastName']),
];

export type StoredObjectName =
  | 'Account'
  | 'Contact'
  | 'Case'
  | 'Task'
  | 'User'
  | 'ContentDocument'
  | 'ContentVersion'
  | 'ContentDistribution'
  | 'Lead';

/**
 * Names are case-insensitive; every write and query resolves each of its fields, so by map, not by
 * scan. Each name is kept lower-cased and as declared, so the usual exact spelling costs no
 * lower-casing; the first declaration wins either way, as a scan would find it.
 */
const OBJECTS_BY_NAME = new Map<string, ObjectDef>();
const FIELDS_BY_NAME = new WeakMap<ObjectDef, Map<string, FieldDef>>();

function byEitherCase<T>(map: Map<string, T>, name: string, value: T): void {
  const lower = name.toLowerCase();
  if (map.has(lower)) return;
  map.set(lower, value);
  map.set(name, value);
}

export function findObject(name: string): ObjectDef | undefined {
  if (OBJECTS_BY_NAME.size === 0) for (const o of SOBJECTS) byEitherCase(OBJECTS_BY_NAME, o.name, o);
  return OBJECTS_BY_NAME.get(name) ?? OBJECTS_BY_NAME.get(name.toLowerCase());
}

export function findField(object: ObjectDef, name: string): FieldDef | undefined {
  let byName = FIELDS_BY_NAME.get(object);
  if (!byName) {
    byName = new Map();
    for (const f of object.fields) byEitherCase(byName, f.name, f);
    FIELDS_BY_NAME.set(object, byName);
  }
  return byName.get(name) ?? byName.get(name.toLowerCase());
}
