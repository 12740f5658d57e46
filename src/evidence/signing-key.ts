import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { publicKeyFingerprint } from './fingerprint.ts';

/** The organisation's private key as PEM text (CI secret stores hand keys over this way). */
export const SIGNING_KEY_ENV = 'PHI_DRILL_SIGNING_KEY';
/** A path to the organisation's private key file, instead of the default location. */
export const SIGNING_KEY_FILE_ENV = 'PHI_DRILL_SIGNING_KEY_FILE';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where a run's signing key came from. `per-run` is a throwaway key generated for one run: it
 * proves the folder is internally consistent, never who produced it.
 */
export type KeyOrigin = 'env' | 'file' | 'per-run';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
  origin: KeyOrigin;
}

/** `$XDG_CONFIG_HOME/phi-drill/signing-key.pem` (or `~/.config/…`): outside every run folder. */
export function defaultKeyFile(env: Env): string {
  const config = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.config');
  return join(config, 'phi-drill', 'signing-key.pem');
}

/** Refused key material: the message never contains the key text. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

/**
 * The organisation key from the environment (PEM text, or a file named there), else from the
 * default key file, else a throwaway key for this run alone.
 */
export function loadSigningKey(env: Env): SigningKey {
  const pem = env[SIGNING_KEY_ENV];
  if (pem !== undefined && pem.trim() !== '') return fromPem(pem, 'env', SIGNING_KEY_ENV);
  const named = env[SIGNING_KEY_FILE_ENV]?.trim();
  const file = named || defaultKeyFile(env);
  if (named || existsSync(file)) return fromPem(readKeyFile(file), 'file', file);
  const { privateKey } = generateKeyPairSync('ed25519');
  return describe(privateKey, 'per-run');
}

function readKeyFile(file: string): string {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new SigningKeyError(`signing key file ${file} does not exist`);
  }
  // Like ssh: a private key others can read is not the organisation's key any more.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new SigningKeyError(
      `signing key file ${file} is readable by group or others (mode ${(mode & 0o777).toString(8)}); chmod 600 it`,
    );
  }
  return readFileSync(file, 'utf8');
}

function fromPem(pem: string, origin: KeyOrigin, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new SigningKeyError(`${source} is not a readable PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(
      `${source} holds a ${privateKey.asymmetricKeyType ?? 'unknown'} key; an Ed25519 key is required`,
    );
  }
  return describe(privateKey, origin);
}

function describe(privateKey: KeyObject, origin: KeyOrigin): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
    origin,
  };
}
