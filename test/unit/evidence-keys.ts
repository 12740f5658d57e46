import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../src/evidence/chain.ts';
import { type Ledger, openLedger } from '../../src/evidence/ledger.ts';
import { loadSigningKey, SIGNING_KEY_ENV, type SigningKey } from '../../src/evidence/signing-key.ts';
import { type TrustedKey, trustEntry } from '../../src/evidence/trust.ts';
import { sampleEntries } from './evidence-sample.ts';

/** An organisation key as PHI_DRILL_SIGNING_KEY would hand it over. */
export function orgKey(): { key: SigningKey; pem: string; trusted: TrustedKey } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = loadSigningKey({ [SIGNING_KEY_ENV]: pem, HOME: '/nonexistent' });
  return { key, pem, trusted: trustEntry(key.publicKeyPem, 'test organisation', '2026-12-07T00:00:00Z') };
}

/** A throwaway key, as a run without an organisation key makes one. */
export function throwawayKey(): SigningKey {
  return loadSigningKey({ HOME: '/nonexistent' });
}

/**
 * The sample run as a real folder: its telemetry file written and pinned by its true hash, the
 * ledger closed and, unless `key` is null, signed.
 */
export function writeSampleRun(folder: string, key: SigningKey | null = throwawayKey()): Ledger {
  const ledger = openLedger(folder);
  const telemetry = '{"id":"evt-000001"}\n';
  writeFileSync(join(folder, 'telemetry.jsonl'), telemetry);
  for (const input of sampleEntries()) {
    ledger.append(input.kind === 'telemetry.summary' ? { ...input, sha256: sha256Hex(telemetry) } : input);
  }
  ledger.close();
  if (key) ledger.sign(key);
  return ledger;
}
