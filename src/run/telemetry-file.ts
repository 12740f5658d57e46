import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { TelemetryEvent } from '../telemetry/event.ts';

const FLUSH_BYTES = 256 * 1024;

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

  /** `replace` is for a resumed run, which writes the same events again from the start. */
  constructor(path: string, mode: 'create' | 'replace' = 'create') {
    this.#fd = openSync(path, mode === 'create' ? 'wx' : 'w');
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
    const chunk = this.#buffer.join('');
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
