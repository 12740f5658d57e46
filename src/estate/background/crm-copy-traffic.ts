import { BACKUP_AGENT, BACKUP_BUCKET, BACKUP_HOST } from '../content-seed.ts';
import { CRM_COPY_PREFIX, writeCrmCopy } from '../crm-storage-copy.ts';
import type { Estate } from '../estate.ts';
import type { Stream } from './traffic.ts';

/**
 * The encryption look-alike: the backup service's nightly storage-level copies of patient accounts,
 * made while the encryption policy covers every PHI field (so they hold ciphertext), each read back
 * from the backup host to verify it restores.
 */
export function crmCopyStreams(estate: Estate): Stream[] {
  const backup = estate.credentials.storage.backup;
  const headers = { 'x-forwarded-for': BACKUP_HOST, 'user-agent': BACKUP_AGENT };
  const accounts = estate.crm.state.records.liveIds('Account');
  let part = 0;
  return [
    {
      label: 'nightly CRM backup copy',
      perHour: { business: 0, other: 1 },
      async act(r) {
        part += 1;
        const day = new Date(estate.clock.now()).toISOString().slice(0, 10);
        const key = `nightly/${day}/accounts-${String(part).padStart(4, '0')}.ndjson`;
        const start = Math.floor(r() * Math.max(1, accounts.length - 10));
        await writeCrmCopy(estate, {
          key,
          accountIds: accounts.slice(start, start + 10),
          accessKey: backup.accessKey,
          headers,
        });
        await estate.fetch(`/storage/${BACKUP_BUCKET}/${CRM_COPY_PREFIX}${key}`, {
          headers: { ...headers, authorization: `Bearer ${backup.accessKey}` },
        });
      },
    },
  ];
}
