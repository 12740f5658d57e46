import { createHash } from 'node:crypto';
import type { Actor } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { CrmFiles } from './files.ts';
import { recordSetupChange } from './setup-audit.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import type { CrmState } from './state.ts';

/**
 * The Person Account fields the organisation's encryption policy covers: every field holding an
 * identifier or clinical fact. The record id and the integration key (`FHIR_Patient_Id__c`) are opaque
 * and stay in the clear, as keys that queries and upserts match on must.
 */
export const ENCRYPTED_BY_POLICY: readonly string[] = [
  'Account.FirstName',
  'Account.LastName',
  'Account.PersonEmail',
  'Account.PersonBirthdate',
  'Account.PersonMobilePhone',
  'Account.PersonHomePhone',
  'Account.PersonMailingStreet',
  'Account.PersonMailingCity',
  'Account.PersonMailingPostalCode',
  'Account.MRN__c',
  'Account.SSN__c',
  'Account.Primary_Diagnosis__c',
  'Account.Insurance_Member_Id__c',
];

const SECTION = 'Platform Encryption';

export interface SetupActor {
  actor: Actor;
  caller?: Caller;
}

/**
 * Shield-style Platform Encryption: an encryption policy per field and one for files and attachments,
 * under a tenant secret kept in the org's key management and never copied with the data. Users read
 * plaintext through the API either way; what changes is what the org's storage, and every storage-level
 * copy of it, holds. Every policy change is a Setup Audit Trail record.
 */
export class PlatformEncryption {
  readonly #fields = new Set(ENCRYPTED_BY_POLICY);
  /** Whether the tenant secret has left the org's key management (then ciphertext protects nothing). */
  keyCompromised = false;

  constructor(
    private readonly state: CrmState,
    private readonly files: CrmFiles,
  ) {}

  isEncrypted(object: string, field: string): boolean {
    return this.#fields.has(`${object}.${field}`);
  }

  get filesEncrypted(): boolean {
    return this.files.config.encryptFiles;
  }

  /** Turns encryption on or off for one field; returns the function that puts the previous setting back. */
  setField(object: string, field: string, encrypted: boolean, by: SetupActor): () => void {
    const id = `${object}.${field}`;
    const was = this.#fields.has(id);
    if (was === encrypted) return () => {};
    if (encrypted) this.#fields.add(id);
    else this.#fields.delete(id);
    recordSetupChange(this.state, {
      action: encrypted ? 'encryptionPolicyFieldEnabled' : 'encryptionPolicyFieldDisabled',
      section: SECTION,
      display: `${encrypted ? 'Enabled' : 'Disabled'} encryption for field ${id}`,
      ...by,
    });
    return () => this.setField(object, field, was, by);
  }

  setFiles(encrypted: boolean, by: SetupActor): void {
    if (this.files.config.encryptFiles === encrypted) return;
    this.files.config.encryptFiles = encrypted;
    recordSetupChange(this.state, {
      action: encrypted ? 'encryptionPolicyFilesEnabled' : 'encryptionPolicyFilesDisabled',
      section: SECTION,
      display: `${encrypted ? 'Enabled' : 'Disabled'} encryption for files and attachments`,
      ...by,
    });
  }

  /**
   * A record as the org's storage holds it: fields under the policy as ciphertext (a stand-in with no
   * plaintext in it), the rest as they are. What a storage-level copy (backup, migration snapshot) carries.
   */
  atRest(object: string, record: SObjectRecord): Record<string, unknown> {
    const stored: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
      stored[field] =
        value !== null && value !== undefined && this.isEncrypted(object, field)
          ? `enc:v1:${createHash('sha256')
              .update(`${record.Id}:${field}:${String(value)}`)
              .digest('base64url')}`
          : value;
    }
    return stored;
  }
}
