import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { join } from 'node:path';
import { SIGNATURE_FILE, sha256Hex } from './chain.ts';
import { writeFileDurably } from './durable-write.ts';

export const SIGNING_KEY_ENV = 'PHI_DRILL_SIGNING_KEY';

/** Contents of ledger.sig.json. The private key is never written anywhere. */
export interface LedgerSignature {
  algorithm: 'Ed25519';
  /** SPKI PEM. */
  publicKey: string;
  /** `env`: the organisation's key from PHI_DRILL_SIGNING_KEY; `per-run`: generated for this run only. */
  keyOrigin: 'env' | 'per-run';
  entries: number;
  finalHash: string;
  /** Base64 Ed25519 signature over the ASCII hex of `finalHash`. */
  signature: string;
}

export interface LedgerHead {
  entries: number;
  finalHash: string;
}

/**
 * The signed bytes are the final hash as ASCII hex: it already commits to every entry and its
 * `seq`, and anyone can check it with stock tools (`openssl pkeyutl -verify -rawin`).
 */
export function signatureMessage(finalHash: string): Buffer {
  return Buffer.from(finalHash, 'ascii');
}

/** sha256 of the SPKI DER, hex: a short name for a public key in reports. */
export function publicKeyFingerprint(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return sha256Hex(key.export({ type: 'spki', format: 'der' }));
}

export function signLedger(
  folder: string,
  head: LedgerHead,
  env: Readonly<Record<string, string | undefined>> = process.env,
): LedgerSignature {
  const { privateKey, keyOrigin } = loadSigningKey(env);
  const signature: LedgerSignature = {
    algorithm: 'Ed25519',
    publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    keyOrigin,
    entries: head.entries,
    finalHash: head.finalHash,
    signature: sign(null, signatureMessage(head.finalHash), privateKey).toString('base64'),
  };
  writeFileDurably(join(folder, SIGNATURE_FILE), `${JSON.stringify(signature, null, 2)}\n`);
  return signature;
}

function loadSigningKey(env: Readonly<Record<string, string | undefined>>): {
  privateKey: KeyObject;
  keyOrigin: LedgerSignature['keyOrigin'];
} {
  const pem = env[SIGNING_KEY_ENV];
  if (pem === undefined || pem.trim() === '') {
    return { privateKey: generateKeyPairSync('ed25519').privateKey, keyOrigin: 'per-run' };
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // The key text itself must never reach an error message or log.
    throw new Error(`${SIGNING_KEY_ENV} is set but is not a readable PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `${SIGNING_KEY_ENV} holds a ${privateKey.asymmetricKeyType ?? 'unknown'} key; an Ed25519 key is required`,
    );
  }
  return { privateKey, keyOrigin: 'env' };
}
