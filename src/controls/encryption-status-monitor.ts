import { BACKUP_BUCKET, BACKUP_HOST } from '../estate/content-seed.ts';
import { ENCRYPTED_BY_POLICY } from '../estate/crm/platform-encryption.ts';
import type { Estate } from '../estate/estate.ts';
import { defineControl } from './define.ts';
import { firstTime } from './first-time.ts';

const ME = 'encryption-status-monitor';
const SCAN_EVERY_MS = 15 * 60_000;
const RESPONDER = { actor: { id: ME, type: 'responder' as const, name: ME } };

/** What a copy of patient accounts holds: fields under the policy found in the clear, and whose rows. */
export function inspectCopy(body: string): { plaintext: string[]; patientIds: string[] } {
  const plaintext = new Set<string>();
  const patientIds: string[] = [];
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    if (typeof row.FHIR_Patient_Id__c === 'string') patientIds.push(row.FHIR_Patient_Id__c);
    for (const target of ENCRYPTED_BY_POLICY) {
      const value = row[target.split('.')[1]!];
      if (value !== null && value !== undefined && !String(value).startsWith('enc:v1:'))
        plaintext.add(target);
    }
  }
  return { plaintext: [...plaintext], patientIds };
}

function unencrypted(estate: Estate): string[] {
  return ENCRYPTED_BY_POLICY.filter((target) => {
    const [object, field] = target.split('.') as [string, string];
    return !estate.crm.encryption.isEncrypted(object, field);
  });
}

/**
 * Continuous encryption-status verification (164.312(a)(2)(iv); 164.402: only encrypted PHI with a
 * safe key is secured). From CRM telemetry, a Setup Audit Trail change that disables field or file
 * encryption; on a 15-minute pass, every PHI field outside the encryption policy (also one never put
 * under it) and files and attachments saved unencrypted; and,
 * from the object store's log, a storage-level copy of patient accounts read from anywhere but the
 * backup host, reported by what the copy really holds: plaintext PHI (unsecured) or ciphertext only.
 * Containment: put the fields, and files, back under encryption.
 */
export const encryptionStatusMonitor = defineControl({
  id: ME,
  summary:
    'Encryption switched off or missing on PHI fields; copies of patient data read from outside, by what they hold; re-enables encryption',
  kind: 'detector',
  reads: ['crm', 'logs'],
  rules: [
    'encryption-disabled',
    'phi-field-unencrypted',
    'files-unencrypted',
    'plaintext-copy-read',
    'encrypted-copy-read',
  ],
  covers: ['encryption-disabled'],
  scanEveryMs: SCAN_EVERY_MS,
  start({ estate, raise }) {
    const once = firstTime();
    const restore = (targets: readonly string[]) => {
      for (const target of targets) {
        const [object, field] = target.split('.') as [string, string];
        estate.crm.encryption.setField(object, field, true, RESPONDER);
      }
    };
    return {
      onEvent(event) {
        if (event.outcome !== 'success') return;
        if (event.system === 'crm' && event.action === 'sf.setup.change') {
          const action = event.detail?.Action;
          if (action !== 'encryptionPolicyFieldDisabled' && action !== 'encryptionPolicyFilesDisabled')
            return;
          const files = !estate.crm.encryption.filesEncrypted;
          const off = [...unencrypted(estate), ...(files ? ['files and attachments'] : [])];
          if (off.length === 0 || !once(`disabled:${event.id}`)) return;
          raise({
            rule: 'encryption-disabled',
            severity: 'high',
            summary: `${event.actor.name ?? event.actor.id}: ${String(event.detail?.Display)}; now unencrypted: ${off.slice(0, 4).join(', ')}`,
            patientIds: [],
            evidence: [event.id],
            ...(event.correlationId ? { correlationId: event.correlationId } : {}),
          });
          restore(unencrypted(estate));
          if (files) estate.crm.encryption.setFiles(true, RESPONDER);
          return;
        }
        if (event.system !== 'storage' || event.action !== 'storage.get') return;
        const bucket = String(event.detail?.bucket ?? '');
        const key = String(event.detail?.key ?? '');
        if (bucket !== BACKUP_BUCKET || !key.startsWith('crm/') || event.sourceIp === BACKUP_HOST) return;
        const copy = estate.storage.state.object(bucket, key);
        if (!copy || !once(`copy:${key}:${event.sourceIp}`)) return;
        const { plaintext, patientIds } = inspectCopy(new TextDecoder().decode(copy.body));
        const clear = plaintext.length > 0;
        raise({
          rule: clear ? 'plaintext-copy-read' : 'encrypted-copy-read',
          severity: clear ? 'critical' : 'medium',
          summary: clear
            ? `${key} read from ${event.sourceIp} holds ${plaintext.length} PHI field(s) in the clear (${plaintext.slice(0, 3).join(', ')}…) for ${patientIds.length} patients: unsecured PHI`
            : `${key} read from ${event.sourceIp}; every PHI field in it is ciphertext under a key that stayed in the org`,
          patientIds,
          evidence: [event.id],
          ...(event.correlationId ? { correlationId: event.correlationId } : {}),
        });
      },
      onScan() {
        // Each finding is followed by the fix, so a later finding is a new occurrence.
        if (!estate.crm.encryption.filesEncrypted) {
          raise({
            rule: 'files-unencrypted',
            severity: 'medium',
            summary:
              'files and attachments are saved without encryption; encryption re-enabled for new files',
            patientIds: [],
            evidence: [],
          });
          estate.crm.encryption.setFiles(true, RESPONDER);
        }
        const off = unencrypted(estate);
        if (off.length === 0) return;
        if (once(`unencrypted:${off.join(',')}`)) {
          raise({
            rule: 'phi-field-unencrypted',
            severity: 'medium',
            summary: `${off.length} PHI field(s) outside the encryption policy: ${off.slice(0, 4).join(', ')}; encryption re-enabled`,
            patientIds: [],
            evidence: [],
          });
        }
        restore(off);
      },
    };
  },
});
