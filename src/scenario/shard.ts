import { z } from 'zod';
import { strict } from './fields.ts';

/** One CI job's part of the catalog: shard `index` of `total`, both counted from 1 (`--shard 2/4`). */
export interface Shard {
  index: number;
  total: number;
}

/** `i/n` as Playwright and vitest write it; a message naming the mistake otherwise. */
export function parseShard(text: string): Shard | { error: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || total > 1000 || index < 1 || index > total) {
    return { error: `--shard takes i/n with 1 ≤ i ≤ n ≤ 1000, e.g. 2/4, got "${text}"` };
  }
  return { index, total };
}

/**
 * The scenarios of one shard. Ids are sorted and dealt round-robin, so the split depends on the
 * catalog alone (not on file order or the machine), every scenario lands in exactly one shard, and
 * shard sizes differ by at most one.
 */
export function pickShard<T>(items: readonly T[], idOf: (item: T) => string, shard: Shard): T[] {
  const sorted = [...items].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
  return sorted.filter((_, position) => position % shard.total === shard.index - 1);
}

/** `shard.json` in a sharded drill folder: which part this is, and of which catalog. */
export const shardRecordSchema = strict({
  shard: z.int().positive(),
  of: z.int().positive(),
  /** Every scenario id the whole catalog had, sorted: shards of different catalogs must not merge. */
  catalog: z.array(z.string()),
  /** The ids this shard ran. */
  scenarios: z.array(z.string()),
});

export type ShardRecord = z.infer<typeof shardRecordSchema>;

export const SHARD_FILE = 'shard.json';
