import { describe, expect, it } from 'vitest';
import { benchEncoders } from '../bench/encoders-bench.ts';

describe('benchEncoders', () => {
  it('reports a throughput for every built-in encoder', async () => {
    const results = await benchEncoders(200);
    expect(results.map((r) => r.id)).toHaveLength(8);
    for (const result of results) expect(result.perSec).toBeGreaterThan(0);
  });

  it('rejects a non-positive count', async () => {
    await expect(benchEncoders(0)).rejects.toThrow(RangeError);
  });
});
