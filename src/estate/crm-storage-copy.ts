import { BACKUP_BUCKET } from './content-seed.ts';
import type { Estate } from './estate.ts';

/** Where storage-level copies of the CRM land in the backup bucket. */
export const CRM_COPY_PREFIX = 'crm/';

/**
 * Writes a storage-level copy of patient accounts (a nightly backup part, a migration snapshot) to the
 * backup bucket through the object store's API: each record as the CRM's storage holds it, so fields
 * under the encryption policy travel as ciphertext and the rest in the clear. Returns the HTTP status.
 */
export async function writeCrmCopy(
  estate: Estate,
  input: { key: string; accountIds: readonly string[]; accessKey: string; headers: Record<string, string> },
): Promise<number> {
  const { crm } = estate;
  const rows = input.accountIds.flatMap((id) => {
    const record = crm.state.records.get('Account', id);
    return record ? [JSON.stringify(crm.encryption.atRest('Account', record))] : [];
  });
  const response = await estate.fetch(`/storage/${BACKUP_BUCKET}/${CRM_COPY_PREFIX}${input.key}`, {
    method: 'PUT',
    headers: {
      ...input.headers,
      authorization: `Bearer ${input.accessKey}`,
      'content-type': 'application/x-ndjson',
      'x-amz-server-side-encryption': 'AES256',
    },
    body: rows.join('\n'),
  });
  return response.status;
}
