import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Drill folder names as `newRunId` makes them (UTC time first, so names sort by age); merges too. */
const DRILL_FOLDER = /^\d{8}T\d{6}Z-[0-9a-f]{6}(-merged)?$/;

/**
 * Retention for a reports root: keeps the newest `keep` drill folders and deletes older ones.
 * Only real directories named like drill folders are touched (never a symlink, a file, or anything
 * a user put there), and `current` is always kept. Returns the names deleted, oldest first.
 */
export function pruneDrillFolders(root: string, keep: number, current: string): string[] {
  if (!Number.isInteger(keep) || keep < 1)
    throw new RangeError(`keep must be a positive integer, got ${keep}`);
  const drills = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && DRILL_FOLDER.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const kept = new Set([...drills.slice(-keep), current]);
  const removed = drills.filter((name) => !kept.has(name));
  for (const name of removed) rmSync(join(root, name), { recursive: true, force: true });
  return removed;
}
