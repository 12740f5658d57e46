import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { publicKeyFingerprint } from './fingerprint.ts';
import { SIGNATURE_FORMAT } from './sign.ts';
import type { KeyOrigin } from './signing-key.ts';
import type { TrustedKey } from './trust.ts';

/** The parts of a VerifyResult the signature check reads and fills in. */
export interface SignatureState {
  entries: readonly unknown[];
  finalHash: string;
  problems: string[];
  notes: string[];
  signed: boolean;
  keyOrigin?: KeyOrigin;
  publicKeyFingerprint?: string;
  /** The trust-file entry whose key made the signature; absent when the key is not trusted. */
  trustedBy?: string;
}

export const pinnedSchema = z.strictObject({
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.int().nonnegative(),
});

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The fields every phi-drill signature file has, whatever else it signs. */
export const signerFields = {
  algorithm: z.literal('Ed25519'),
  publicKey: z.string().min(1),
  publicKeyFingerprint: hex64,
  keyOrigin: z.enum(['env', 'file', 'per-run']),
  files: z.array(pinnedSchema),
  signature: z.string().min(1),
};

const signatureSchema = z.strictObject({
  ...signerFields,
  format: z.literal(SIGNATURE_FORMAT),
  entries: z.int().nonnegative(),
  finalHash: hex64,
});

export type ParsedSignature = z.infer<typeof signatureSchema>;

/** A signature file whose signature verified over every other field. */
export type Signed = { publicKeyFingerprint: string; files: z.infer<typeof pinnedSchema>[] };

/**
 * Reads and checks a ledger signature file. Returns it when the signature verifies over every
 * field; otherwise records why not. Which files it pins, and whether they match, is checked by the
 * caller; whether its key is trusted, by `trustOf`.
 */
export async function readSignature(
  path: string,
  label: string,
  problems: string[],
): Promise<ParsedSignature | undefined> {
  return readSignedFile(path, label, signatureSchema, problems);
}

/** Reads a signature file of the given shape; records a located problem and returns nothing unless it verifies. */
export async function readSignedFile<T extends Signed & { publicKey: string; signature: string }>(
  path: string,
  label: string,
  schema: z.ZodType<T>,
  problems: string[],
): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    problems.push(
      `${label} is missing: the evidence is not signed (it did not close, or the signature was removed)`,
    );
    return undefined;
  }
  const checked = checkSignedText(text, schema);
  if (typeof checked === 'string') {
    problems.push(`${label}: ${checked}`);
    return undefined;
  }
  return checked;
}

function checkSignedText<T extends Signed & { publicKey: string; signature: string }>(
  text: string,
  schema: z.ZodType<T>,
): string | T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `${['$', ...issue.path].join('.')}: ${issue.message}`;
  }
  const sig = parsed.data;
  let key: KeyObject;
  try {
    key = createPublicKey(sig.publicKey);
  } catch {
    return 'publicKey is not a readable PEM public key';
  }
  if (key.asymmetricKeyType !== 'ed25519')
    return `publicKey is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`;
  if (publicKeyFingerprint(key) !== sig.publicKeyFingerprint)
    return 'publicKeyFingerprint does not name publicKey';
  const { signature, ...head } = sig;
  if (!verify(null, Buffer.from(canonicalJson(head), 'utf8'), key, Buffer.from(signature, 'base64'))) {
    return 'signature does not verify: a field of the signature file was changed, or it was signed with another key';
  }
  return sig;
}

/** The trusted key that made this signature, if any. */
export function trustOf(sig: Signed, trusted: readonly TrustedKey[]): TrustedKey | undefined {
  return trusted.find((key) => key.fingerprint === sig.publicKeyFingerprint);
}
