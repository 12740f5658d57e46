import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';

export interface SealedPayload {
  payload: string;
  keyId: string;
  iv: string;
  authTag: string;
}

export interface StagingCipher {
  readonly keyId: string;
  seal(plaintext: string, rowId: string): SealedPayload;
  open(sealed: SealedPayload): string;
}

/**
 * AES-256-GCM for staging rows with one key per run. The key is derived from the run's seed and
 * run id rather than drawn at random, so the same seed writes byte-identical ciphertext; the IV
 * comes from the row id, which is unique within the run, so no IV repeats under a key.
 */
export function createStagingCipher(seed: number, runId: string): StagingCipher {
  const key = Buffer.from(hkdfSync('sha256', `phi-drill:${seed}`, 'phi-drill-sync-staging', runId, 32));
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return {
    keyId,
    seal(plaintext, rowId) {
      const iv = createHash('sha256').update(`${keyId}:${rowId}`).digest().subarray(0, 12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const payload = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        payload: payload.toString('base64'),
        keyId,
        iv: iv.toString('base64'),
        authTag: cipher.getAuthTag().toString('base64'),
      };
    },
    open(sealed) {
      if (sealed.keyId !== keyId)
        throw new Error(`staging row was sealed under key ${sealed.keyId}, not ${keyId}`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(sealed.payload, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
