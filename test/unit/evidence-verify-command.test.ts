import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyCommand } from '../../src/cli/verify-command.ts';
import type { SigningKey } from '../../src/evidence/signing-key.ts';
import { orgKey, throwawayKey, writeSampleRun } from './evidence-keys.ts';

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  };
  return { out, io };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'phi-drill-verify-'));
}

function signedRun(key: SigningKey = throwawayKey()): string {
  const folder = join(tempDir(), 'run');
  writeSampleRun(folder, key);
  return folder;
}

describe('phi-drill verify', () => {
  it('exits 4 and says INTEGRITY ONLY for an intact run signed with a throwaway key', async () => {
    const { out, io } = capture();
    expect(await verifyCommand([signedRun()], io)).toBe(4);
    expect(out.stdout).toMatch(/^INTEGRITY ONLY — not authenticated /);
    expect(out.stdout).toMatch(/18 entries verified/);
    expect(out.stdout).toMatch(/Ed25519 key SHA256:[0-9a-f ]{39} \(per-run\), valid, but NOT trusted/);
  });

  it('exits 0 and says VERIFIED for a run signed by a key the trust file lists', async () => {
    const { key, trusted } = orgKey();
    const keys = tempDir();
    const trustFile = join(keys, 'trust.json');
    writeFileSync(trustFile, JSON.stringify({ format: 'phi-drill.trust/1', keys: [trusted] }));
    const { out, io } = capture();
    expect(await verifyCommand([signedRun(key), '--trust', trustFile], io)).toBe(0);
    expect(out.stdout).toMatch(/^VERIFIED /);
    expect(out.stdout).toMatch(/trusted as "test organisation"/);
  });

  it('exits 1 and names the line when an entry was tampered with', async () => {
    const { out, io } = capture();
    const folder = signedRun();
    const path = join(folder, 'ledger.jsonl');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"seed":42', '"seed":43'));
    expect(await verifyCommand([folder], io)).toBe(1);
    expect(out.stdout).toMatch(/^NOT VERIFIED /);
    expect(out.stdout).toMatch(/problem {4}line 1: hash mismatch/);
  });

  it('prints a machine-readable result with --json', async () => {
    const { out, io } = capture();
    expect(await verifyCommand([signedRun(), '--json'], io)).toBe(4);
    expect(JSON.parse(out.stdout)).toMatchObject({
      status: 'integrity-only',
      ok: true,
      entries: 18,
      lastGoodSeq: 17,
      signed: true,
    });
  });

  it('pins the signing key with --public-key', async () => {
    const { key } = orgKey();
    const folder = signedRun(key);
    const keys = tempDir();
    writeFileSync(join(keys, 'ours.pem'), key.publicKeyPem);
    const other = generateKeyPairSync('ed25519').publicKey;
    writeFileSync(join(keys, 'other.pem'), other.export({ type: 'spki', format: 'pem' }));

    expect(await verifyCommand([folder, '--public-key', join(keys, 'ours.pem')], capture().io)).toBe(0);
    expect(await verifyCommand([folder, '--public-key', join(keys, 'other.pem')], capture().io)).toBe(4);
  });

  it('exits 2 for bad input: no folder, no ledger, bad arguments, unreadable key', async () => {
    const empty = tempDir();
    mkdirSync(join(empty, 'run'));
    const notKey = join(empty, 'not-a-key.pem');
    writeFileSync(notKey, 'hello');
    const cases: Array<[string[], RegExp]> = [
      [[join(empty, 'missing')], /no such run folder/],
      [[join(empty, 'run')], /no ledger.jsonl/],
      [[], /expected exactly one run or drill folder/],
      [[empty, '--frobnicate'], /frobnicate/],
      [[signedRun(), '--public-key', join(empty, 'absent.pem')], /cannot read public key file/],
      [[signedRun(), '--public-key', notKey], /not a readable PEM public key/],
    ];
    for (const [argv, message] of cases) {
      const { out, io } = capture();
      expect(await verifyCommand(argv, io)).toBe(2);
      expect(out.stderr).toMatch(message);
    }
  });
});
