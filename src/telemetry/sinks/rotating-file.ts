import { type FileHandle, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface RotatingFileOptions {
  path: string;
  /** Rotate before a write would take the file past this many bytes. */
  maxBytes: number;
  /** Rotated files kept: `path.1` (newest) … `path.<keep>` (oldest). */
  keep: number;
  header?: string;
}

/**
 * Appends lines to a file and rotates it the way logrotate does: `path` → `path.1`, `path.1` →
 * `path.2` … the oldest beyond `keep` is overwritten. Every append ends with an fsync, so a batch
 * counted as sent survives a crash. A batch is split across files so no file outgrows `maxBytes`
 * (unless one line alone is bigger).
 */
export class RotatingFile {
  readonly #options: RotatingFileOptions;
  #handle: FileHandle | undefined;
  #size = 0;
  #headerBytes = 0;

  constructor(options: RotatingFileOptions) {
    this.#options = options;
  }

  async append(lines: readonly string[]): Promise<void> {
    await this.#open();
    let chunk = '';
    let chunkBytes = 0;
    for (const line of lines) {
      const bytes = Buffer.byteLength(line) + 1;
      const holdsRecords = this.#size + chunkBytes > this.#headerBytes;
      if (holdsRecords && this.#size + chunkBytes + bytes > this.#options.maxBytes) {
        await this.#write(chunk);
        chunk = '';
        chunkBytes = 0;
        await this.#rotate();
      }
      chunk += `${line}\n`;
      chunkBytes += bytes;
    }
    await this.#write(chunk);
    await this.#handle!.datasync();
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    await mkdir(dirname(this.#options.path), { recursive: true });
    const handle = await open(this.#options.path, 'a');
    this.#size = (await handle.stat()).size;
    this.#handle = handle;
    // A header only counts as "nothing written yet" in a file this sink started itself.
    this.#headerBytes = 0;
    if (this.#size === 0 && this.#options.header !== undefined) {
      await this.#write(`${this.#options.header}\n`);
      this.#headerBytes = this.#size;
    }
    return handle;
  }

  async #write(text: string): Promise<void> {
    if (text === '') return;
    const handle = await this.#open();
    const { bytesWritten } = await handle.write(text);
    this.#size += bytesWritten;
  }

  async #rotate(): Promise<void> {
    const { path, keep } = this.#options;
    const handle = this.#handle!;
    await handle.datasync();
    await handle.close();
    this.#handle = undefined;
    if (keep === 0) await unlink(path);
    for (let index = keep; index >= 1; index--) {
      await renameIfPresent(index === 1 ? path : `${path}.${index - 1}`, `${path}.${index}`);
    }
    await this.#open();
  }
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
