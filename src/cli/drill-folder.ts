import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { OperationalError } from './failure.ts';

/**
 * Creates the drill folder before anything runs, so an unwritable `--out` fails at once with one
 * line (exit 3) rather than deep inside a worker; if the drill then fails before writing a thing,
 * the empty folder goes too. What a failed run did record stays, verifiable.
 */
export async function withDrillFolder(folder: string, drill: () => Promise<number>): Promise<number> {
  try {
    makeFolders(folder);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OperationalError(
      `cannot create the reports folder ${folder} (${reason})`,
      'pass --out a folder you can write to',
    );
  }
  try {
    return await drill();
  } catch (error) {
    removeIfEmpty(folder);
    throw error;
  }
}

function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty (a partial run's evidence stays) or already gone.
  }
}

/**
 * `mkdir -p` one level at a time: Node's recursive mkdir spins forever under /proc (a parent that
 * exists but refuses children), so walk up to the deepest folder that exists and create downwards.
 */
export function makeFolders(folder: string): void {
  const missing: string[] = [];
  let at = folder;
  while (!exists(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const path of missing) mkdirSync(path);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
