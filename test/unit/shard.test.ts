import { describe, expect, it } from 'vitest';
import { parseShard, pickShard } from '../../src/scenario/shard.ts';

const ids = [
  'phi-in-url',
  'api-flood',
  'queue-remnants',
  'oauth-overscope',
  'sync-failure',
  'fls-overexposure',
  'x',
];

describe('--shard i/n', () => {
  it('deals every scenario to exactly one shard, sizes within one, whatever the input order', () => {
    for (const total of [1, 2, 3, 4, 7, 9]) {
      const shards = Array.from({ length: total }, (_, i) =>
        pickShard(ids, (id) => id, { index: i + 1, total }),
      );
      expect(shards.flat().sort()).toEqual([...ids].sort());
      const sizes = shards.map((shard) => shard.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      const reversed = pickShard([...ids].reverse(), (id) => id, { index: 1, total });
      expect(reversed).toEqual(shards[0]);
    }
  });

  it('parses i/n and refuses what is not a shard', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '1/4/2', '-1/4', '1/1001']) {
      expect(parseShard(bad)).toHaveProperty('error');
    }
  });
});
