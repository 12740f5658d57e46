import { createPublicKey, type KeyObject } from 'node:crypto';
import { sha256Hex } from './chain.ts';

/** sha256 of the SPKI DER, hex: the name a trust file and a report give a public key. */
export function publicKeyFingerprint(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return sha256Hex(key.export({ type: 'spki', format: 'der' }));
}

/** The fingerprint as people compare it: `SHA256:ab12 cd34 …` (first 128 bits, grouped). */
export function shortFingerprint(fingerprint: string): string {
  return `SHA256:${(fingerprint.slice(0, 32).match(/.{4}/g) ?? []).join(' ')}`;
}
