import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../src/evidence/canonical-json.ts';
import { chainHash, GENESIS_HASH } from '../../src/evidence/chain.ts';
import type { LedgerEntry } from '../../src/evidence/entries.ts';
import { signLedger } from '../../src/evidence/sign.ts';
import type { SigningKey } from '../../src/evidence/signing-key.ts';

/**
 * What an adversary with write access to a run folder can do with public knowledge alone: read the
 * entries, edit them, recompute the whole chain and sign the result with a key of their own.
 */
export function readEntries(folder: string): LedgerEntry[] {
  return readFileSync(join(folder, 'ledger.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const { prev: _prev, hash: _hash, ...entry } = JSON.parse(line);
      return entry as LedgerEntry;
    });
}

/** Rewrites the ledger as a valid chain over `entries` (re-numbered) and returns its head. */
export function writeChain(
  folder: string,
  entries: readonly LedgerEntry[],
): { entries: number; finalHash: string } {
  let prev = GENESIS_HASH;
  const lines = entries.map((input, seq) => {
    const entry = { ...input, seq } as LedgerEntry;
    const hash = chainHash(prev, entry);
    const line = canonicalJson({ ...entry, prev, hash });
    prev = hash;
    return line;
  });
  writeFileSync(join(folder, 'ledger.jsonl'), lines.map((line) => `${line}\n`).join(''));
  return { entries: entries.length, finalHash: prev };
}

/** Re-signs the folder as it now stands (pinning every file anew) with `key`. */
export function resign(folder: string, key: SigningKey): void {
  const entries = readEntries(folder);
  const head = writeChain(folder, entries);
  signLedger(folder, head, key);
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function flipByte(path: string, offset: number): Buffer {
  const original = readFileSync(path);
  const changed = Buffer.from(original);
  const at = Math.min(offset, changed.length - 1);
  // Keep text text: flip a low bit, which never turns a printable byte into a line break.
  changed[at] = changed[at]! ^ 0x01;
  writeFileSync(path, changed);
  return original;
}
