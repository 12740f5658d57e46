import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { publicKeyFingerprint, signatureMessage } from './sign.ts';

/** The parts of a VerifyResult the signature check reads and fills in. */
export interface SignatureState {
  entries: readonly unknown[];
  finalHash: string;
  problems: string[];
  notes: string[];
  signed: boolean;
  keyOrigin?: 'env' | 'per-run';
  publicKeyFingerprint?: string;
}

export async function checkSignature(
  path: string,
  state: SignatureState,
  chainIntact: boolean,
  expectedPublicKey: string | undefined,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    if (expectedPublicKey !== undefined) {
      state.problems.push('ledger.sig.json is missing but a public key was pinned');
    } else {
      state.notes.push(
        'ledger.sig.json is missing: the chain is intact but unsigned (the run may not have finished)',
      );
    }
    return;
  }
  const problem = checkSignatureText(text, state, chainIntact, expectedPublicKey);
  if (problem !== undefined) state.problems.push(`ledger.sig.json: ${problem}`);
}

function checkSignatureText(
  text: string,
  state: SignatureState,
  chainIntact: boolean,
  expectedPublicKey: string | undefined,
): string | undefined {
  let sig: Record<string, unknown>;
  try {
    sig = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'not valid JSON';
  }
  if (sig.algorithm !== 'Ed25519') return `unsupported algorithm ${JSON.stringify(sig.algorithm)}`;
  if (typeof sig.publicKey !== 'string' || typeof sig.signature !== 'string') {
    return 'publicKey or signature missing';
  }
  if (typeof sig.finalHash !== 'string' || typeof sig.entries !== 'number')
    return 'finalHash or entries missing';
  let key: KeyObject;
  try {
    key = createPublicKey(sig.publicKey);
  } catch {
    return 'publicKey is not a readable PEM public key';
  }
  if (key.asymmetricKeyType !== 'ed25519')
    return `publicKey is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`;
  const fingerprint = publicKeyFingerprint(key);
  if (expectedPublicKey !== undefined && publicKeyFingerprint(expectedPublicKey) !== fingerprint) {
    return `signed with key ${fingerprint.slice(0, 16)}…, not the pinned key`;
  }
  if (!verify(null, signatureMessage(sig.finalHash), key, Buffer.from(sig.signature, 'base64'))) {
    return 'signature does not verify against its public key';
  }
  if (sig.finalHash !== state.finalHash || sig.entries !== state.entries.length) {
    // A broken chain already explains the mismatch; say it once.
    if (!chainIntact) return undefined;
    return `signature covers ${sig.entries} entries ending ${sig.finalHash}, the ledger has ${state.entries.length} ending ${state.finalHash}`;
  }
  if (!chainIntact) return undefined;
  state.signed = true;
  state.keyOrigin = sig.keyOrigin === 'env' ? 'env' : 'per-run';
  state.publicKeyFingerprint = fingerprint;
  return undefined;
}
