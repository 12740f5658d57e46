import { expect, it } from 'vitest';
import { benchServeMemory } from '../bench/serve-memory-bench.ts';

it('samples the live heap after a warm-up and evenly over the requests', async () => {
  const { requests, samples } = await benchServeMemory(60, 3);
  expect(requests).toBe(60);
  expect(samples.map((sample) => sample.after)).toEqual([0, 20, 40, 60]);
  for (const { liveBytes } of samples) expect(liveBytes).toBeGreaterThan(0);
});

it('refuses fewer requests than samples', async () => {
  await expect(benchServeMemory(2, 5)).rejects.toThrow(RangeError);
});
