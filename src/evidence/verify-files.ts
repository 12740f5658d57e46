import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { listFiles, type PinnedFile } from './pin-files.ts';

export type PinStatus = 'match' | 'mismatch' | 'absent' | 'outside' | 'unpinned';

export interface PinCheck {
  file: string;
  status: PinStatus;
}

/** What one pinned file's check found, and the problem to report when it is not a match. */
export async function checkPinnedFile(
  folder: string,
  pinned: { file: string; sha256: string },
  by: string,
): Promise<{ status: PinStatus; problem?: string }> {
  const path = normalize(pinned.file);
  if (isAbsolute(path) || path === '..' || path.startsWith(`..${sep}`)) {
    return { status: 'outside', problem: `${by}: file ${pinned.file} is outside the folder` };
  }
  const full = join(folder, path);
  const isFile = await stat(full).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!isFile) return { status: 'absent', problem: `${by}: pinned file ${pinned.file} is missing` };
  const actual = await sha256File(full);
  if (actual === pinned.sha256) return { status: 'match' };
  return {
    status: 'mismatch',
    problem: `${pinned.file}: sha256 ${actual} does not match ${pinned.sha256} pinned by ${by}`,
  };
}

/** Files in the folder that the signature does not list: written (or planted) after it was made. */
export function unpinnedFiles(
  folder: string,
  pinned: readonly PinnedFile[],
  exempt: ReadonlySet<string>,
): string[] {
  const listed = new Set(pinned.map((file) => file.file));
  return listFiles(folder)
    .map((path) => relative(folder, path).split(sep).join('/'))
    .filter((file) => !listed.has(file) && !exempt.has(file))
    .sort();
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
