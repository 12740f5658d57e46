import { describe, expect, it } from 'vitest';
import { benchInProcess } from '../bench/in-process-bench.ts';

describe('benchInProcess', () => {
  it('reads patients through the estate in this process and times a bare Fetch pair beside it', async () => {
    const { estateUs, bareUs } = await benchInProcess(50);
    expect(estateUs).toBeGreaterThan(0);
    expect(bareUs).toBeGreaterThan(0);
  });

  it('refuses a count that is not a positive integer', async () => {
    await expect(benchInProcess(1.5)).rejects.toThrow(RangeError);
  });
});
