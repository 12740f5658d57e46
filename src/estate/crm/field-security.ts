/**
 * Field-level security: which fields each profile may read. Salesforce stores this as per-profile
 * permissions; here a field is readable unless the profile has it restricted, and a restricted field
 * behaves as if it did not exist (SOQL answers INVALID_FIELD, retrieve and describe leave it out).
 */
export const DEFAULT_FIELD_RESTRICTIONS: Readonly<
  Record<string, Readonly<Record<string, readonly string[]>>>
> = {
  // Scheduling and registration need demographics and contact details, not diagnoses or SSNs.
  'Front Desk': { Account: ['Primary_Diagnosis__c', 'SSN__c'] },
};

const key = (profile: string, object: string, field: string) =>
  `${profile}\u0000${object.toLowerCase()}\u0000${field.toLowerCase()}`;

export class FieldSecurity {
  readonly #restricted = new Set<string>();

  constructor(restrictions = DEFAULT_FIELD_RESTRICTIONS) {
    for (const [profile, objects] of Object.entries(restrictions)) {
      for (const [object, fields] of Object.entries(objects)) {
        for (const field of fields) this.#restricted.add(key(profile, object, field));
      }
    }
  }

  canRead(profile: string, object: string, field: string): boolean {
    return !this.#restricted.has(key(profile, object, field));
  }

  /** Makes a field readable for a profile; returns the function that puts the previous setting back. */
  grantRead(profile: string, object: string, field: string): () => void {
    return this.#set(profile, object, field, true);
  }

  /** Hides a field from a profile; returns the function that puts the previous setting back. */
  revokeRead(profile: string, object: string, field: string): () => void {
    return this.#set(profile, object, field, false);
  }

  #set(profile: string, object: string, field: string, readable: boolean): () => void {
    const id = key(profile, object, field);
    const wasRestricted = this.#restricted.has(id);
    if (readable) this.#restricted.delete(id);
    else this.#restricted.add(id);
    return () => {
      if (wasRestricted) this.#restricted.add(id);
      else this.#restricted.delete(id);
    };
  }
}
