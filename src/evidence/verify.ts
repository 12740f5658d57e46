import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GENESIS_HASH, LEDGER_FILE, SIGNATURE_FILE } from './chain.ts';
import type { LedgerEntry } from './entries.ts';
import { SIGNATURE_FILES } from './sign.ts';
import type { KeyOrigin } from './signing-key.ts';
import type { TrustedKey } from './trust.ts';
import { checkPinnedFile, type PinCheck, unpinnedFiles } from './verify-files.ts';
import { checkLine } from './verify-line.ts';
import { type ParsedSignature, readSignature, trustOf } from './verify-signature.ts';
import { checkWitnesses } from './verify-witness.ts';

/**
 * `verified`: intact, complete and signed by a trusted key. `integrity-only`: intact and complete,
 * but the key is not one the organisation trusts (a throwaway key proves nothing about who wrote
 * it). `failed`: something does not hold.
 */
export type VerifyStatus = 'verified' | 'integrity-only' | 'failed';

export interface VerifyResult {
  status: VerifyStatus;
  /** No problems: the chain, the signature and every file hold (trusted or not). */
  ok: boolean;
  /** Entries that verified, in order (chain fields stripped). */
  entries: LedgerEntry[];
  /** seq of the last entry that verified; -1 when none did. */
  lastGoodSeq: number;
  /** Hash of the last verified entry (genesis when none). */
  finalHash: string;
  /** Reasons the folder does not verify, the first chain break first, each naming its line or file. */
  problems: string[];
  /** Things worth knowing that are not failures. */
  notes: string[];
  /** A valid signature covers the whole ledger. */
  signed: boolean;
  /** Every file the signature and ledger pin, and files the signature does not list. */
  pinned: PinCheck[];
  /** The final line was torn mid-write (a crash); entries before it still verify. */
  truncated: boolean;
  keyOrigin?: KeyOrigin;
  publicKeyFingerprint?: string;
  /** Name of the trusted key that signed, from the trust file. */
  trustedBy?: string;
}

export interface VerifyOptions {
  /** Keys the organisation accepts (the trust file); none: the best outcome is integrity-only. */
  trusted?: readonly TrustedKey[];
}

/** The folder or its ledger is missing: nothing to verify (distinct from a failed verification). */
export class VerifyInputError extends Error {
  override name = 'VerifyInputError';
}

/** Kinds that close a run; nothing may follow them. A tabletop closes with its own entry. */
const CLOSING = { run: 'run.finished', tabletop: 'tabletop.closed' } as const;

export async function verifyRunFolder(folder: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const ledgerText = await readLedger(folder);
  const result: VerifyResult = {
    status: 'failed',
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
  if (chainIntact) checkClosed(result);
  const signature = await readSignature(join(folder, SIGNATURE_FILE), SIGNATURE_FILE, result.problems);
  if (signature) {
    checkHead(signature, result, chainIntact);
    await checkSignedFiles(folder, signature, result);
  }
  await checkLedgerPins(folder, result);
  if (chainIntact) {
    const witnesses = await checkWitnesses(folder, result.entries, signature?.publicKeyFingerprint);
    result.problems.push(...witnesses.problems);
    result.notes.push(...witnesses.notes);
  }
  result.ok = result.problems.length === 0;
  const trusted = signature && result.ok ? trustOf(signature, options.trusted ?? []) : undefined;
  result.trustedBy = trusted?.name;
  result.status = !result.ok ? 'failed' : trusted ? 'verified' : 'integrity-only';
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
    const checked = checkLine(line, result.entries.length, result.finalHash);
    if (!checked.ok) {
      result.problems.push(`line ${index + 1}: ${checked.problem}`);
      return false;
    }
    result.entries.push(checked.entry);
    result.lastGoodSeq = checked.entry.seq;
    result.finalHash = checked.hash;
  }
  if (torn === '') return true;
  const last = checkLine(torn, result.entries.length, result.finalHash);
  const lineNo = lines.length + 1;
  if (!last.ok && last.unparseable) {
    result.truncated = true;
    // Not a problem by itself (a resumed tabletop cuts it off); an unclosed, unsigned ledger fails anyway.
    result.notes.push(
      `line ${lineNo}: torn mid-write (the run stopped while appending); ${result.entries.length} entries before it verify`,
    );
    return true;
  }
  result.problems.push(`line ${lineNo}: ${last.ok ? 'has no final newline' : last.problem}`);
  return false;
}

/** A ledger is evidence of a run only once it holds the run's closing entry, and nothing after it. */
function checkClosed(result: VerifyResult): void {
  const { entries } = result;
  if (entries.length === 0) {
    result.problems.push(`${LEDGER_FILE} is empty: no run is recorded`);
    return;
  }
  const closing = entries.some((entry) => entry.kind === 'tabletop.started') ? CLOSING.tabletop : CLOSING.run;
  const closedAt = entries.findIndex((entry) => entry.kind === closing);
  if (closedAt === -1) {
    result.problems.push(
      `${LEDGER_FILE} has no ${closing} entry: the run never closed, or its last entries were removed`,
    );
  } else if (closedAt < entries.length - 1) {
    const after = entries[closedAt + 1]!;
    result.problems.push(
      `line ${closedAt + 2}: entry ${after.seq} (${after.kind}) comes after the closing ${closing} (seq ${closedAt})`,
    );
  }
}

/** The signature must cover exactly the ledger on disk. */
function checkHead(signature: ParsedSignature, result: VerifyResult, chainIntact: boolean): void {
  result.keyOrigin = signature.keyOrigin;
  result.publicKeyFingerprint = signature.publicKeyFingerprint;
  if (signature.finalHash !== result.finalHash || signature.entries !== result.entries.length) {
    // A broken chain already explains the mismatch; say it once.
    if (chainIntact) {
      result.problems.push(
        `${SIGNATURE_FILE}: signs ${signature.entries} entries ending ${signature.finalHash}, the ledger has ${result.entries.length} ending ${result.finalHash}`,
      );
    }
    return;
  }
  result.signed = chainIntact;
}

/** Every file the signature pins must match, and every file in the folder must be pinned. */
async function checkSignedFiles(
  folder: string,
  signature: ParsedSignature,
  result: VerifyResult,
): Promise<void> {
  for (const pinned of signature.files) {
    const checked = await checkPinnedFile(folder, pinned, SIGNATURE_FILE);
    result.pinned.push({ file: pinned.file, status: checked.status });
    if (checked.problem) result.problems.push(checked.problem);
  }
  for (const file of unpinnedFiles(folder, signature.files, SIGNATURE_FILES)) {
    result.pinned.push({ file, status: 'unpinned' });
    result.problems.push(
      `${file}: not pinned by ${SIGNATURE_FILE} (written or placed after the run was signed)`,
    );
  }
}

/**
 * Files the ledger itself pins (telemetry, browser artifacts, a tabletop's AAR/IP) must be present
 * and match. Telemetry may be absent only where the ledger recorded `drop-passing` and the run passed.
 */
async function checkLedgerPins(folder: string, result: VerifyResult): Promise<void> {
  const pins: Array<{ file: string; sha256: string; by: string }> = [];
  const passed = result.entries.findLast((entry) => entry.kind === 'run.finished')?.exitCode === 0;
  for (const entry of result.entries) {
    if (entry.kind === 'telemetry.summary') {
      if (entry.dropIfPassing && passed && !(await exists(join(folder, entry.file)))) {
        result.notes.push(
          `${entry.file} was deleted as the run passed (--telemetry drop-passing); its sha256 stays pinned`,
        );
        continue;
      }
      pins.push({ ...entry, by: `${entry.kind} (seq ${entry.seq})` });
    }
    if (entry.kind === 'artifact') pins.push({ ...entry, by: `${entry.kind} (seq ${entry.seq})` });
    if (entry.kind === 'ledger.witnessed' && entry.timestamp)
      pins.push({ ...entry.timestamp, by: `${entry.kind} (seq ${entry.seq})` });
    if (entry.kind === 'tabletop.closed') {
      for (const file of entry.files) pins.push({ ...file, by: `${entry.kind} (seq ${entry.seq})` });
    }
  }
  const reported = new Set(result.pinned.filter((pin) => pin.status !== 'match').map((pin) => pin.file));
  for (const pin of pins) {
    const checked = await checkPinnedFile(folder, pin, pin.by);
    if (checked.problem && !reported.has(pin.file)) result.problems.push(checked.problem);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
