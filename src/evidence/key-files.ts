import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileDurably } from './durable-write.ts';
import {
  readTrustFile,
  renderTrustFile,
  TRUST_FORMAT,
  type TrustedKey,
  type TrustFile,
  trustEntry,
} from './trust.ts';

/** A key file that cannot be written or read as asked. */
export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

/**
 * A new Ed25519 organisation key: the private half written to `keyFile` readable by its owner only
 * (its folder too), the public half returned for the trust file. Never overwrites a key.
 */
export function generateKeyFile(keyFile: string, name: string, added: string): TrustedKey {
  if (existsSync(keyFile))
    throw new KeyFileError(`${keyFile} already exists; a signing key is never overwritten`);
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileDurably(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  // The mode given at creation is masked by the umask; make it exact.
  chmodSync(keyFile, 0o600);
  return trustEntry(publicKey.export({ type: 'spki', format: 'pem' }).toString(), name, added);
}

/** Adds `key` to the trust file (created when absent); a key already listed is not added twice. */
export function addTrustedKey(trustFile: string, key: TrustedKey): { added: boolean; trust: TrustFile } {
  const trust: TrustFile = existsSync(trustFile)
    ? readTrustFile(trustFile)
    : { format: TRUST_FORMAT, keys: [] };
  if (trust.keys.some((listed) => listed.fingerprint === key.fingerprint)) return { added: false, trust };
  const updated = { ...trust, keys: [...trust.keys, key] };
  writeFileDurably(trustFile, renderTrustFile(updated));
  return { added: true, trust: updated };
}
