import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Drill folder names as `newRunId` makes them (UTC time first, so names sort by age); merges too. */
const DRILL_FOLDER = /^\d{8}T\d{6}Z-[0-9a-f]{6}(-merged)?$/;

/**
 * Retention for a reports root: keeps `keep` drill folders, the current run's and the newest
 * `keep - 1` others, and deletes the rest. The current run counts as the newest even when another
 * run started in the same second with a larger random suffix, so `--retain 1` leaves exactly one.
 * Only real directories named like drill folders are touched (never a symlink, a file, or anything
 * a user put there). Returns the names deleted, oldest first.
 */
export function pruneDrillFolders(root: string, keep: number, current: string): string[] {
  if (!Number.isInteger(keep) || keep < 1)
    throw new RangeError(`keep must be a positive integer, got ${keep}`);
  const drills = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && DRILL_FOLDER.test(entry.name))
    .map((entry) => entry.name)
    .filter((name) => name !== current)
    .sort();
  const removed = drills.slice(0, Math.max(0, drills.length - (keep - 1)));
  for (const name of removed) rmSync(join(root, name), { recursive: true, force: true });
  return removed;
}
