import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One file a signature vouches for, by its path relative to the signed folder (always `/`). */
export interface PinnedFile {
  file: string;
  sha256: string;
  bytes: number;
}

/**
 * Every regular file under `folder` except `exclude` (the signature files themselves), sorted, each
 * with its SHA-256: what a signature pins, so no file the run wrote can change unnoticed.
 */
export function pinFolder(folder: string, exclude: ReadonlySet<string>): PinnedFile[] {
  return listFiles(folder)
    .map((path) => relative(folder, path).split(sep).join('/'))
    .filter((file) => !exclude.has(file))
    .sort()
    .map((file) => {
      const content = readFileSync(join(folder, file));
      return { file, sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length };
    });
}

/** Regular files, recursively; symbolic links are listed as files so a swapped link still differs. */
export function listFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}
