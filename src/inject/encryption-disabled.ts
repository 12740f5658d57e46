import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { BACKUP_BUCKET } from '../estate/content-seed.ts';
import { ENCRYPTED_BY_POLICY } from '../estate/crm/platform-encryption.ts';
import { CRM_COPY_PREFIX, writeCrmCopy } from '../estate/crm-storage-copy.ts';
import { documentationIp, workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const MIGRATION = { id: 'svc-crm-migration', name: 'CRM data migration', type: 'service' as const };
const ADMIN_BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

/**
 * The CRM admin switches Platform Encryption off for patient fields so a data migration can filter
 * and sort on them, and the migration's snapshot of patient accounts is written to the backup bucket
 * at once. Its access key sits in the migration script, which leaks; an outside party downloads the
 * snapshot. Whether that copy holds PHI in the clear is exactly what the encryption policy said at
 * the moment it was taken: with `disable: []` the same leak copies only ciphertext.
 */
export const encryptionDisabled = defineInjector({
  id: 'encryption-disabled',
  summary:
    'Field encryption switched off for patient fields; a storage-level copy taken then leaks to an outside party',
  attack: ['T1562', 'T1530'],
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)', '164.402', '164.404'],
  dossier: {
    dossier: 'notification-procedure',
    failure:
      'Systems storing PHI in Salesforce attachments or external objects lack continuous encryption status verification',
  },
  detection:
    'Setup Audit Trail change disabling encryption; PHI fields outside the encryption policy; a copy holding plaintext PHI read from outside',
  params: z.strictObject({
    disable: z
      .array(z.enum(ENCRYPTED_BY_POLICY as [string, ...string[]]))
      .default([...ENCRYPTED_BY_POLICY])
      .describe('Fields (Object.Field) whose encryption the admin switches off; [] leaves the policy intact'),
    patients: z.int().min(1).max(5000).default(40).describe('Patient accounts in the migration snapshot'),
    leakAfter: duration('20m', 'Delay from the snapshot to the outside download'),
  }),
  conditions: ['encryption-restored'],
  async apply({ estate, later, exposed, correlationId, fetch }, params) {
    const { encryption } = estate.crm;
    const admin = estate.credentials.crm.admin;
    const adminUser = estate.crm.state.auth.userByName(admin.username)!;
    const by = {
      actor: { id: adminUser.id, type: 'admin' as const, name: admin.name },
      caller: {
        sourceIp: workstationIp(10 + admin.seat),
        userAgent: ADMIN_BROWSER,
        requestId: estate.context.nextId('req'),
        correlationId,
      },
    };
    const restores = params.disable.map((target) => {
      const [object, field] = target.split('.') as [string, string];
      return encryption.setField(object, field, false, by);
    });
    const snapshotEncrypted = ENCRYPTED_BY_POLICY.every((target) => {
      const [object, field] = target.split('.') as [string, string];
      return encryption.isEncrypted(object, field);
    });
    const accessKey = estate.storage.state.issueKey(MIGRATION);
    const accounts = estate.crm.state.records.list('Account').slice(0, params.patients);
    const day = new Date(estate.clock.now()).toISOString().slice(0, 10);
    const key = `migration/${day}/accounts.ndjson`;
    await writeCrmCopy(estate, {
      key,
      accountIds: accounts.map((account) => account.Id as string),
      accessKey,
      headers: { 'x-forwarded-for': workstationIp(241), 'user-agent': 'crm-migrate/1.4' },
    });
    later(
      parseDuration(params.leakAfter)!,
      'encryption-disabled: outside download of the snapshot',
      async () => {
        const download = await fetch(`/storage/${BACKUP_BUCKET}/${CRM_COPY_PREFIX}${key}`, {
          headers: {
            authorization: `Bearer ${accessKey}`,
            'x-forwarded-for': documentationIp(2, 77),
            'user-agent': `python-requests/2.32 (${correlationId})`,
          },
        });
        if (!download.ok) return;
        // What left is what the snapshot held: ciphertext only where every PHI field was under the
        // policy when it was written, and only as safe as the key is now.
        exposed(estate.crmPatientIdsOf(accounts.map((account) => account.Id as string)), {
          encrypted: snapshotEncrypted,
          keyCompromised: encryption.keyCompromised,
        });
      },
    );
    return {
      probes: {
        'encryption-restored': () =>
          params.disable.every((target) => {
            const [object, field] = target.split('.') as [string, string];
            return encryption.isEncrypted(object, field);
          }),
      },
      revert() {
        for (const restore of restores.reverse()) restore();
        estate.storage.state.revokeKey(accessKey);
      },
    };
  },
});
