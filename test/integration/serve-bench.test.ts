import { describe, expect, it } from 'vitest';
import { benchServe } from '../bench/serve-bench.ts';
import { serveInProcess } from '../support/serve-in-process.ts';

describe('benchServe', () => {
  it('reads patients from phi-drill serve and the same answers from a bare server, over loopback', async () => {
    const { estate, bare, ratio } = await benchServe(200);
    for (const figure of [estate, bare]) {
      expect(figure.perSec).toBeGreaterThan(0);
      expect(figure.p99Ms).toBeGreaterThan(0);
    }
    expect(ratio.min).toBeGreaterThan(0);
    expect(ratio.min).toBeLessThanOrEqual(ratio.median);
    expect(ratio.median).toBeLessThanOrEqual(ratio.max);
  });

  it('refuses a count that is not a positive integer', async () => {
    await expect(benchServe(0)).rejects.toThrow(RangeError);
  });
});

describe('serveInProcess', () => {
  it('says a serve that refused its arguments ended, instead of waiting for it to print', async () => {
    await expect(serveInProcess(['--port', 'not-a-port'])).rejects.toThrow(/ended with exit 2/);
  });
});
