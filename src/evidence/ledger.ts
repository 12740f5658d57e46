import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.ts';
import { chainHash, GENESIS_HASH, LEDGER_FILE } from './chain.ts';
import { writeAll, writeAllSync, writeFileDurably } from './durable-write.ts';
import type { LedgerEntry, LedgerEntryInput, LedgerKind } from './entries.ts';
import { type LedgerSignature, signLedger } from './sign.ts';
import type { SigningKey } from './signing-key.ts';

/**
 * Entries written since the last fsync before the next append syncs them. A run appends a few
 * dozen entries; one fsync each was most of a short scenario's disk wait.
 */
export const LEDGER_SYNC_EVERY = 32;

/**
 * Append-only, hash-chained evidence for one run. Every append is written whole to the file before
 * it returns, so a crash of the run (an exception, a kill, a closed terminal) leaves a ledger that
 * verifies up to the last entry appended. fsync'd in groups (every LEDGER_SYNC_EVERY entries, at
 * `sync()` and at close, which signing requires): a crash of the machine itself can lose at most
 * the last group, and what it keeps is still a chain that verifies up to its own last entry (a
 * torn final line is cut off on resume).
 */
export class Ledger {
  readonly folder: string;
  readonly path: string;
  #fd: number | undefined;
  #head = GENESIS_HASH;
  #entries: LedgerEntry[] = [];
  #unsynced = 0;

  /** Entries a resumed run must reproduce before it writes anything new (see `resume`). */
  #replay: LedgerEntry[] = [];
  #regenerates: (kind: LedgerKind) => boolean = () => false;

  /** Observers of each appended entry (live progress); one that throws is ignored, the entry stands. */
  readonly #listeners: Array<(entry: LedgerEntry) => void> = [];

  private constructor(folder: string, fd: number) {
    this.folder = folder;
    this.path = join(folder, LEDGER_FILE);
    this.#fd = fd;
  }

  /** Creates `folder` if needed; refuses a folder that already holds a ledger. */
  static open(folder: string): Ledger {
    mkdirSync(folder, { recursive: true });
    // 'ax': append-only like 'a', and never continue (or clobber) another run's chain.
    const fd = openSync(join(folder, LEDGER_FILE), 'ax');
    syncDirectory(folder);
    return new Ledger(folder, fd);
  }

  /**
   * Continues a ledger that verified up to `verified.finalHash` (see verifyRunFolder). A torn final
   * line (a crash mid-write) is cut off before the chain continues. Entries of the kinds the resumed
   * run will regenerate (`regenerates`) are queued: the run's appends must reproduce them, in order,
   * and are checked against them instead of being written twice.
   */
  static resume(
    folder: string,
    verified: { entries: readonly LedgerEntry[]; finalHash: string },
    regenerates: (kind: LedgerKind) => boolean,
  ): Ledger {
    const path = join(folder, LEDGER_FILE);
    const fd = openSync(path, 'r+');
    const text = readFileSync(fd, 'utf8');
    const good = text.split('\n').slice(0, verified.entries.length).join('\n');
    const tail = text.slice(good.length).replace(/^\n/, '');
    // What a crash tore mid-write cannot join the chain, but it is kept beside it, not thrown away.
    if (tail !== '') writeFileDurably(`${path}.torn-${verified.entries.length}`, tail);
    ftruncateSync(fd, Buffer.byteLength(good));
    fsyncSync(fd);
    closeSync(fd);
    const ledger = new Ledger(folder, openSync(path, 'a'));
    if (verified.entries.length > 0) writeAllSync(ledger.#fd!, '\n');
    ledger.#head = verified.finalHash;
    ledger.#entries = [...verified.entries];
    ledger.#replay = verified.entries.filter((entry) => regenerates(entry.kind));
    ledger.#regenerates = regenerates;
    return ledger;
  }

  /** Entries still to be reproduced by a resumed run. */
  get replaying(): number {
    return this.#replay.length;
  }

  /** Hash of the last entry; the genesis hash while empty. */
  get head(): string {
    return this.#head;
  }

  get count(): number {
    return this.#entries.length;
  }

  get closed(): boolean {
    return this.#fd === undefined;
  }

  entries(): readonly LedgerEntry[] {
    return this.#entries;
  }

  append(input: LedgerEntryInput): LedgerEntry {
    if (this.#fd === undefined) throw new Error(`ledger ${this.path} is closed`);
    if (this.#replay.length > 0 && this.#regenerates(input.kind))
      return reproduced(this.#replay.shift()!, input);
    const entry = { ...input, seq: this.#entries.length } as LedgerEntry;
    const hash = chainHash(this.#head, entry);
    // Canonical form on disk too: the line is exactly what was hashed, plus the hash.
    writeAll(this.#fd, `${canonicalJson({ ...entry, prev: this.#head, hash })}\n`);
    this.#unsynced += 1;
    if (this.#unsynced >= LEDGER_SYNC_EVERY) this.sync();
    this.#head = hash;
    this.#entries.push(entry);
    for (const listener of this.#listeners) {
      try {
        listener(entry);
      } catch {
        // A progress display must never break the evidence.
      }
    }
    return entry;
  }

  onAppend(listener: (entry: LedgerEntry) => void): void {
    this.#listeners.push(listener);
  }

  /** Makes every entry appended so far durable (fsync), before something outside the run relies on them. */
  sync(): void {
    if (this.#fd === undefined || this.#unsynced === 0) return;
    fsyncSync(this.#fd);
    this.#unsynced = 0;
  }

  close(): void {
    if (this.#fd === undefined) return;
    this.sync();
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  /**
   * Signs the final hash and pins every file in the folder (see sign.ts): write the reports
   * first. Only a closed ledger is signed.
   */
  sign(key: SigningKey): LedgerSignature {
    if (this.#fd !== undefined) throw new Error('close the ledger before signing it');
    return signLedger(this.folder, { entries: this.#entries.length, finalHash: this.#head }, key);
  }
}

/** Fields that differ between two honest executions of the same run (wall time, fresh ids). */
const VOLATILE = new Set(['seq', 'runId', 'wallClock', 'wallMs']);

function withoutVolatile(value: object): string {
  return canonicalJson(Object.fromEntries(Object.entries(value).filter(([key]) => !VOLATILE.has(key))));
}

/** The recorded entry, when the resumed run reproduced it; otherwise the run has diverged from its ledger. */
function reproduced(recorded: LedgerEntry, input: LedgerEntryInput): LedgerEntry {
  if (withoutVolatile(recorded) !== withoutVolatile(input)) {
    throw new Error(
      `cannot resume: entry ${recorded.seq} (${recorded.kind}) is not what the scenario produces now (was the scenario or phi-drill changed?)`,
    );
  }
  return recorded;
}

export function openLedger(folder: string): Ledger {
  return Ledger.open(folder);
}

/** Makes the new file's directory entry durable; platforms that cannot open a directory skip it. */
function syncDirectory(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some filesystems reject fsync on a directory; the file's own fsyncs still hold.
  } finally {
    closeSync(fd);
  }
}
