import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** Hands every byte to the kernel (writeSync may write fewer than asked): a crash of this process can no longer lose them. */
export function writeAll(fd: number, content: string | Buffer): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let offset = 0;
  while (offset < bytes.length) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
}

/** Writes every byte and fsyncs before returning: a crash of the machine can no longer lose them either. */
export function writeAllSync(fd: number, content: string | Buffer): void {
  writeAll(fd, content);
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
