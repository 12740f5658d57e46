import { canonicalJson } from './canonical-json.ts';
import { chainHash } from './chain.ts';
import { isLedgerKind, type LedgerEntry } from './entries.ts';

export type LineCheck =
  | { ok: true; entry: LedgerEntry; hash: string }
  | { ok: false; problem: string; unparseable: boolean };

const HEX64 = /^[0-9a-f]{64}$/;

/** Checks one ledger line against the position and hash it must follow. */
export function checkLine(line: string, expectedSeq: number, expectedPrev: string): LineCheck {
  if (line.trim() === '') return fail('empty line');
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not valid JSON', unparseable: true };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail('not a JSON object');
  }
  // Exactly the bytes the writer produces: a duplicate key (readers disagree on which value counts),
  // reordered keys or extra whitespace mean the line was not written by the ledger.
  if (!isCanonical(parsed, line))
    return fail('not in canonical form (duplicate or reordered keys, or extra whitespace)');
  const { prev, hash, ...rest } = parsed as Record<string, unknown>;
  if (typeof hash !== 'string' || !HEX64.test(hash)) return fail('missing or malformed hash');
  if (typeof prev !== 'string' || !HEX64.test(prev)) return fail('missing or malformed prev');
  if (rest.seq !== expectedSeq) {
    return fail(
      `seq ${String(rest.seq)} where ${expectedSeq} was expected: an entry is missing, added or reordered`,
    );
  }
  if (prev !== expectedPrev) return fail(`prev does not match the hash of entry ${expectedSeq - 1}`);
  if (typeof rest.at !== 'number' || !Number.isFinite(rest.at)) return fail('missing or non-numeric at');
  if (!isLedgerKind(rest.kind)) return fail(`unknown kind ${JSON.stringify(rest.kind)}`);
  const entry = rest as unknown as LedgerEntry;
  let actual: string;
  try {
    actual = chainHash(prev, entry);
  } catch (error) {
    return fail(`cannot be hashed: ${(error as Error).message}`);
  }
  if (actual !== hash)
    return fail(`hash mismatch: entry ${expectedSeq} (${entry.kind}) was altered after it was written`);
  return { ok: true, entry, hash };
}

function fail(problem: string): LineCheck {
  return { ok: false, problem, unparseable: false };
}

function isCanonical(parsed: unknown, line: string): boolean {
  try {
    return canonicalJson(parsed) === line;
  } catch {
    return false;
  }
}
