import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { publicKeyFingerprint } from './fingerprint.ts';

/** The organisation's list of accepted signing keys: public keys only, meant to be committed. */
export const TRUST_FILE = 'phi-drill-trust.json';
export const TRUST_FILE_ENV = 'PHI_DRILL_TRUST_FILE';
export const TRUST_FORMAT = 'phi-drill.trust/1';

const trustedKeySchema = z.strictObject({
  name: z.string().min(1).max(200),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a 64-character lowercase hex SHA-256'),
  publicKey: z.string().min(1),
  added: z.string().min(1),
});

const trustFileSchema = z.strictObject({
  format: z.literal(TRUST_FORMAT),
  keys: z.array(trustedKeySchema),
});

export type TrustedKey = z.infer<typeof trustedKeySchema>;
export type TrustFile = z.infer<typeof trustFileSchema>;

/** An unreadable or malformed trust file, named with the field at fault. */
export class TrustFileError extends Error {
  override name = 'TrustFileError';
}

/** `--trust`, else PHI_DRILL_TRUST_FILE, else ./phi-drill-trust.json when it exists. */
export function findTrustFile(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string | undefined {
  if (explicit !== undefined) return resolve(cwd, explicit);
  const named = env[TRUST_FILE_ENV]?.trim();
  if (named) return resolve(cwd, named);
  const local = resolve(cwd, TRUST_FILE);
  return existsSync(local) ? local : undefined;
}

export function readTrustFile(path: string): TrustFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TrustFileError(`cannot read trust file ${path}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TrustFileError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = trustFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TrustFileError(`${path}: ${['$', ...issue.path].join('.')}: ${issue.message}`);
  }
  for (const [index, key] of parsed.data.keys.entries()) {
    // A fingerprint that does not name its key would let the listed name vouch for another key.
    if (fingerprintOf(key.publicKey) !== key.fingerprint) {
      throw new TrustFileError(`${path}: $.keys.${index}.fingerprint does not match its publicKey`);
    }
  }
  return parsed.data;
}

/** A trust entry for a PEM public key (Ed25519 only). */
export function trustEntry(publicKeyPem: string, name: string, added: string): TrustedKey {
  const key = createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TrustFileError(`the key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  }
  return {
    name,
    fingerprint: publicKeyFingerprint(key),
    publicKey: key.export({ type: 'spki', format: 'pem' }).toString(),
    added,
  };
}

function fingerprintOf(pem: string): string | undefined {
  try {
    return publicKeyFingerprint(pem);
  } catch {
    return undefined;
  }
}

export function renderTrustFile(trust: TrustFile): string {
  return `${JSON.stringify(trust, null, 2)}\n`;
}
