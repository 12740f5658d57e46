import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** Writes every byte (writeSync may write fewer than asked) and fsyncs before returning. */
export function writeAllSync(fd: number, content: string | Buffer): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let offset = 0;
  while (offset < bytes.length) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
  fsyncSync(fd);
}

/** Writes the whole file and fsyncs it before returning, so a crash never leaves it half-written. */
export function writeFileDurably(path: string, content: string | Buffer, mode?: number): void {
  const fd = openSync(path, 'w', mode);
  try {
    writeAllSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/** Fsyncs a file another program wrote, so it is on disk before the ledger pins it. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
