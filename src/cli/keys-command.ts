import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { wallClockIso } from '../clock/clock.ts';
import { shortFingerprint } from '../evidence/fingerprint.ts';
import { addTrustedKey, generateKeyFile, KeyFileError } from '../evidence/key-files.ts';
import { defaultKeyFile, loadSigningKey, SigningKeyError } from '../evidence/signing-key.ts';
import { findTrustFile, readTrustFile, TRUST_FILE, TrustFileError, trustEntry } from '../evidence/trust.ts';
import { EXIT } from './exit-codes.ts';
import { parseOrExplain, UsageError } from './usage.ts';

export interface KeysIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export const KEYS_USAGE = `usage: phi-drill keys <generate|trust|list> [options]
  generate [--name NAME]     new organisation signing key (Ed25519), private half at
                             $XDG_CONFIG_HOME/phi-drill/signing-key.pem (chmod 600), public half
                             added to the trust file
  trust <public.pem> --name NAME
                             add another signer's public key to the trust file
  list                       the trusted keys with fingerprints, and the key runs here sign with
  --key FILE                 private key file (default: PHI_DRILL_SIGNING_KEY_FILE or the path above)
  --trust FILE               trust file (default: PHI_DRILL_TRUST_FILE or ./${TRUST_FILE})
`;

/** `phi-drill keys`: the organisation's signing key and the committable list of keys it trusts. */
export async function keysCommand(argv: string[], io: KeysIo): Promise<number> {
  const parsed = parseOrExplain('keys', KEYS_USAGE, () => parse(argv), io);
  if (!parsed.ok) return parsed.exitCode;
  const { action, file, name, keyFile, trustFile } = parsed.value;
  const trustPath = findTrustFile(trustFile, io.env, io.cwd) ?? resolve(io.cwd, TRUST_FILE);
  try {
    if (action === 'generate') {
      const keyPath = keyFile
        ? resolve(io.cwd, keyFile)
        : io.env.PHI_DRILL_SIGNING_KEY_FILE || defaultKeyFile(io.env);
      const key = generateKeyFile(keyPath, name ?? 'organisation signing key', wallClockIso());
      addTrustedKey(trustPath, key);
      io.stdout.write(
        `signing key  ${keyPath} (readable by you only; back it up, never commit it)\n` +
          `trusted in   ${trustPath} (commit this file)\n` +
          `fingerprint  ${shortFingerprint(key.fingerprint)}\n             ${key.fingerprint}\n`,
      );
      return EXIT.ok;
    }
    if (action === 'trust') {
      const pem = readPublicKey(resolve(io.cwd, file!));
      const { added } = addTrustedKey(trustPath, trustEntry(pem, name!, wallClockIso()));
      io.stdout.write(`${added ? 'trusted' : 'already trusted'}: ${name} in ${trustPath}\n`);
      return EXIT.ok;
    }
    io.stdout.write(listKeys(trustPath, io.env));
    return EXIT.ok;
  } catch (error) {
    if (
      !(error instanceof TrustFileError || error instanceof SigningKeyError || error instanceof KeyFileError)
    ) {
      throw error;
    }
    io.stderr.write(`phi-drill keys: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

function readPublicKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new KeyFileError(`cannot read public key file ${path}`);
  }
}

function listKeys(trustPath: string, env: KeysIo['env']): string {
  const lines: string[] = [];
  try {
    const trust = readTrustFile(trustPath);
    lines.push(`trust file ${trustPath}: ${trust.keys.length} key(s)`);
    for (const key of trust.keys)
      lines.push(`  ${shortFingerprint(key.fingerprint)}  ${key.name} (added ${key.added})`);
  } catch (error) {
    if (!(error instanceof TrustFileError)) throw error;
    lines.push(`no trust file: ${error.message}; \`phi-drill keys generate\` makes one`);
  }
  const signing = loadSigningKey(env);
  lines.push(
    signing.origin === 'per-run'
      ? 'runs here sign with a throwaway key per run (integrity only): no organisation key is set up'
      : `runs here sign with ${shortFingerprint(signing.fingerprint)} (from ${signing.origin === 'env' ? 'PHI_DRILL_SIGNING_KEY' : 'a key file'})`,
  );
  return `${lines.join('\n')}\n`;
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      key: { type: 'string' },
      trust: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  const [action, file, ...extra] = positionals;
  if (action !== 'generate' && action !== 'trust' && action !== 'list') {
    throw new UsageError(
      action === undefined ? 'expected generate, trust or list' : `unknown action "${action}"`,
    );
  }
  if (extra.length > 0 || (action !== 'trust' && file !== undefined))
    throw new UsageError('too many arguments');
  if (action === 'trust' && (file === undefined || values.name === undefined)) {
    throw new UsageError('keys trust takes a public key file and --name');
  }
  return { action, file, name: values.name, keyFile: values.key, trustFile: values.trust } as const;
}
