import { sign } from 'node:crypto';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.ts';
import { SIGNATURE_FILE } from './chain.ts';
import { writeFileDurably } from './durable-write.ts';
import { type PinnedFile, pinFolder } from './pin-files.ts';
import type { KeyOrigin, SigningKey } from './signing-key.ts';

export { publicKeyFingerprint } from './fingerprint.ts';

export const SIGNATURE_FORMAT = 'phi-drill.ledger-signature/2';
/** Signs a drill folder: every run under it and the drill-level summaries. */
export const DRILL_SIGNATURE_FILE = 'drill.sig.json';

/** Everything in ledger.sig.json except `signature` — and all of it is what is signed. */
export interface SignedHead {
  format: typeof SIGNATURE_FORMAT;
  algorithm: 'Ed25519';
  /** SPKI PEM. */
  publicKey: string;
  /** sha256 of the SPKI DER, hex: what the trust file lists. */
  publicKeyFingerprint: string;
  /** Informational: the trust file, not this field, decides whether the key is the organisation's. */
  keyOrigin: KeyOrigin;
  entries: number;
  finalHash: string;
  /** Every other file in the run folder (reports, telemetry, the ledger itself) by SHA-256. */
  files: PinnedFile[];
}

/** Contents of ledger.sig.json. The private key is never written anywhere. */
export interface LedgerSignature extends SignedHead {
  /**
   * Base64 Ed25519 signature over the canonical JSON of every other field, so no field (key
   * origin, entry count, a pinned file) changes without the key. Checkable with stock tools:
   * `openssl pkeyutl -verify -rawin` over that text.
   */
  signature: string;
}

export interface LedgerHead {
  entries: number;
  finalHash: string;
}

/** Signs the ledger head and pins every file already in `folder`; write the reports first. */
export function signLedger(folder: string, head: LedgerHead, key: SigningKey): LedgerSignature {
  return signFolder(folder, SIGNATURE_FILE, { format: SIGNATURE_FORMAT, ...head }, key);
}

/** The signer's fields, every file in `folder` but the signature files, and `fields`, all signed together. */
export function signFolder<T extends object>(
  folder: string,
  signatureFile: string,
  fields: T,
  key: SigningKey,
): T & Omit<SignedHead, 'format' | 'entries' | 'finalHash'> & { signature: string } {
  const signed = {
    ...fields,
    algorithm: 'Ed25519' as const,
    publicKey: key.publicKeyPem,
    publicKeyFingerprint: key.fingerprint,
    keyOrigin: key.origin,
    files: pinFolder(folder, SIGNATURE_FILES),
  };
  const signature = {
    ...signed,
    signature: sign(null, Buffer.from(canonicalJson(signed), 'utf8'), key.privateKey).toString('base64'),
  };
  writeFileDurably(join(folder, signatureFile), `${JSON.stringify(signature, null, 2)}\n`);
  return signature;
}

/** Files a signature cannot pin because they are written after it (or are it). */
export const SIGNATURE_FILES: ReadonlySet<string> = new Set([SIGNATURE_FILE, DRILL_SIGNATURE_FILE]);
