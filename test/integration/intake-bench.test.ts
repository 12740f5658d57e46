import { describe, expect, it } from 'vitest';
import { benchWebhook } from '../bench/intake-bench.ts';

describe('benchWebhook', () => {
  it('posts signed alerts over loopback and loses none', async () => {
    const result = await benchWebhook(500);
    expect(result.lost).toBe(0);
    expect(result.perSec).toBeGreaterThan(0);
  });

  it('refuses a count that is not a positive integer', async () => {
    await expect(benchWebhook(0)).rejects.toThrow(RangeError);
  });
});
