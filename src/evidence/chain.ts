import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { LedgerEntry } from './entries.ts';

/** `prev` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const LEDGER_FILE = 'ledger.jsonl';
export const SIGNATURE_FILE = 'ledger.sig.json';

/**
 * sha256(prev + canonical(entry with prev, without hash)) as hex. `prev` is both prefixed and
 * inside the hashed object, so neither the link nor the content can be swapped on its own.
 */
export function chainHash(prev: string, entry: LedgerEntry): string {
  return createHash('sha256')
    .update(prev)
    .update(canonicalJson({ ...entry, prev }))
    .digest('hex');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
