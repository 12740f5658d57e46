import { describe, expect, it } from 'vitest';
import { benchSynth } from '../bench/synth-bench.ts';

describe('benchSynth', () => {
  it('reports both throughputs and their ratio', async () => {
    const result = await benchSynth(300);
    expect(result.phiDrillPerSec).toBeGreaterThan(0);
    expect(result.bareFakerPerSec).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.phiDrillPerSec / result.bareFakerPerSec, 10);
  });

  it('rejects a non-positive count', async () => {
    await expect(benchSynth(0)).rejects.toThrow(RangeError);
  });
});
