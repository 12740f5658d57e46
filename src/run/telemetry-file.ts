import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { TelemetryEvent } from '../telemetry/event.ts';

const FLUSH_BYTES = 256 * 1024;

/**
 * What a run keeps of its telemetry: `full` (default) the JSON lines as written; `gzip` the same,
 * compressed (`telemetry.jsonl.gz`); `drop-passing` deletes the file when every expectation was met,
 * keeping it where it is needed to investigate a miss. The ledger pins the hash either way.
 */
export const TELEMETRY_POLICIES = ['full', 'gzip', 'drop-passing'] as const;
export type TelemetryPolicy = (typeof TELEMETRY_POLICIES)[number];

/**
 * Every telemetry event of a run as JSON lines, hashed as written so the ledger can pin the file.
 * Buffered (a run emits thousands of events) and fsync'd on close; the ledger entries, which are
 * the evidence, are fsync'd one by one.
 */
export class TelemetryFile {
  readonly #fd: number;
  readonly #hash = createHash('sha256');
  #buffer: string[] = [];
  #bytes = 0;
  #count = 0;
  readonly bySystem: Record<string, number> = {};

  readonly #gzip: boolean;

  /**
   * `replace` is for a resumed run, which writes the same events again from the start. With `gzip`,
   * each flushed chunk is one gzip member: concatenated members are one valid gzip file (`zcat`
   * reads it whole), and the hash, like the ledger's pin, covers the bytes on disk.
   */
  constructor(path: string, mode: 'create' | 'replace' = 'create', options: { gzip?: boolean } = {}) {
    this.#fd = openSync(path, mode === 'create' ? 'wx' : 'w');
    this.#gzip = options.gzip ?? false;
  }

  get count(): number {
    return this.#count;
  }

  write(event: TelemetryEvent): void {
    const line = `${JSON.stringify(event)}\n`;
    this.#buffer.push(line);
    this.#bytes += line.length;
    this.#count += 1;
    this.bySystem[event.system] = (this.bySystem[event.system] ?? 0) + 1;
    if (this.#bytes >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.#buffer.length === 0) return;
    const text = this.#buffer.join('');
    const chunk = this.#gzip ? gzipSync(text) : Buffer.from(text);
    this.#hash.update(chunk);
    writeSync(this.#fd, chunk);
    this.#buffer = [];
    this.#bytes = 0;
  }

  /** Flushes, fsyncs and closes; returns the file's sha256. */
  close(): string {
    this.flush();
    fsyncSync(this.#fd);
    closeSync(this.#fd);
    return this.#hash.digest('hex');
  }
}
