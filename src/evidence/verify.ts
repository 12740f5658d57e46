import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GENESIS_HASH, LEDGER_FILE, SIGNATURE_FILE } from './chain.ts';
import type { LedgerEntry } from './entries.ts';
import { checkLine } from './verify-line.ts';
import { checkSignature } from './verify-signature.ts';

export interface VerifyResult {
  /** No problems: the chain is intact, and the signature and telemetry hash match where present. */
  ok: boolean;
  /** Entries that verified, in order (chain fields stripped). */
  entries: LedgerEntry[];
  /** seq of the last entry that verified; -1 when none did. */
  lastGoodSeq: number;
  /** Hash of the last verified entry (genesis when none). */
  finalHash: string;
  /** Reasons the folder does not verify, the first chain break first, each naming its line. */
  problems: string[];
  /** Things worth knowing that are not failures (unsigned, torn final line, telemetry not present). */
  notes: string[];
  /** A valid signature covers the whole ledger. */
  signed: boolean;
  /** Files the ledger pins by SHA-256 (telemetry, a tabletop's AAR/IP) and how each checked out. */
  pinned: Array<{ file: string; status: 'match' | 'mismatch' | 'absent' | 'outside' }>;
  /** The final line was torn mid-write (a crash); entries before it still verify. */
  truncated: boolean;
  keyOrigin?: 'env' | 'per-run';
  publicKeyFingerprint?: string;
}

export interface VerifyOptions {
  /** SPKI PEM the signature must have been made with; an unsigned ledger then fails. */
  expectedPublicKey?: string;
}

/** The folder or its ledger is missing: nothing to verify (distinct from a failed verification). */
export class VerifyInputError extends Error {
  override name = 'VerifyInputError';
}

export async function verifyRunFolder(folder: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  if (options.expectedPublicKey !== undefined) assertEd25519PublicKey(options.expectedPublicKey);
  const ledgerText = await readLedger(folder);
  const result: VerifyResult = {
    ok: false,
    entries: [],
    lastGoodSeq: -1,
    finalHash: GENESIS_HASH,
    problems: [],
    notes: [],
    signed: false,
    truncated: false,
    pinned: [],
  };
  const chainIntact = checkChain(ledgerText, result);
  await checkSignature(join(folder, SIGNATURE_FILE), result, chainIntact, options.expectedPublicKey);
  await checkPinnedFiles(folder, result);
  result.ok = result.problems.length === 0;
  return result;
}

async function readLedger(folder: string): Promise<string> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new VerifyInputError(`no such run folder: ${folder}`);
  try {
    return await readFile(join(folder, LEDGER_FILE), 'utf8');
  } catch {
    throw new VerifyInputError(`no ${LEDGER_FILE} in ${folder}`);
  }
}

/** Walks the lines, stopping at the first break. Returns whether every complete line verified. */
function checkChain(text: string, result: VerifyResult): boolean {
  const lines = text.split('\n');
  const torn = lines.pop() ?? '';
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    const checked = checkLine(line, result.entries.length, result.finalHash);
    if (!checked.ok) {
      result.problems.push(`line ${lineNo}: ${checked.problem}`);
      return false;
    }
    result.entries.push(checked.entry);
    result.lastGoodSeq = checked.entry.seq;
    result.finalHash = checked.hash;
  }
  if (torn === '') return true;
  const last = checkLine(torn, result.entries.length, result.finalHash);
  const lineNo = lines.length + 1;
  if (last.ok) {
    result.entries.push(last.entry);
    result.lastGoodSeq = last.entry.seq;
    result.finalHash = last.hash;
    result.notes.push(`line ${lineNo}: complete but has no final newline`);
  } else if (last.unparseable) {
    result.truncated = true;
    result.notes.push(
      `line ${lineNo}: torn mid-write (the run stopped while appending); ${result.entries.length} entries before it verify`,
    );
  } else {
    result.problems.push(`line ${lineNo}: ${last.problem}`);
    return false;
  }
  return true;
}

/** Files the ledger pins by hash (telemetry, a tabletop's AAR/IP) must still match it. */
async function checkPinnedFiles(folder: string, result: VerifyResult): Promise<void> {
  const summary = result.entries.findLast((entry) => entry.kind === 'telemetry.summary');
  if (summary) await checkPinned(folder, result, { ...summary, label: 'telemetry file' });
  for (const entry of result.entries) {
    if (entry.kind === 'artifact') await checkPinned(folder, result, { ...entry, label: 'artifact' });
  }
  const closed = result.entries.findLast((entry) => entry.kind === 'tabletop.closed');
  for (const file of closed?.files ?? []) {
    await checkPinned(folder, result, { ...file, seq: closed!.seq, kind: closed!.kind, label: 'file' });
  }
}

async function checkPinned(
  folder: string,
  result: VerifyResult,
  pinned: { file: string; sha256: string; seq: number; kind: string; label: string },
): Promise<void> {
  const relative = normalize(pinned.file);
  const record = (status: VerifyResult['pinned'][number]['status']) =>
    result.pinned.push({ file: pinned.file, status });
  if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`)) {
    result.problems.push(`${pinned.kind} (seq ${pinned.seq}): file ${pinned.file} is outside the run folder`);
    record('outside');
    return;
  }
  const path = join(folder, relative);
  const exists = await stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!exists) {
    result.notes.push(`${pinned.label} ${pinned.file} is not present; its sha256 was not checked`);
    record('absent');
    return;
  }
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  const actual = hash.digest('hex');
  if (actual !== pinned.sha256) {
    result.problems.push(
      `${pinned.label} ${pinned.file}: sha256 ${actual} does not match ${pinned.sha256} recorded at seq ${pinned.seq}`,
    );
  }
  record(actual === pinned.sha256 ? 'match' : 'mismatch');
}

function assertEd25519PublicKey(pem: string): void {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new VerifyInputError('the pinned public key is not a readable PEM public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new VerifyInputError(`the pinned public key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  }
}
