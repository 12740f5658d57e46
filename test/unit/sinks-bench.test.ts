import { describe, expect, it } from 'vitest';
import { benchSinks } from '../bench/sinks-bench.ts';

describe('benchSinks', () => {
  it('measures every sink type against loopback receivers with nothing lost', async () => {
    const results = await benchSinks(3000);
    expect(results.map((result) => result.sink)).toEqual([
      'file',
      'syslog-udp',
      'syslog-tcp',
      'http-generic',
      'splunk-hec',
      'elasticsearch',
    ]);
    for (const result of results) {
      expect(result.perSec).toBeGreaterThan(0);
      expect(result.lost).toBe(0);
    }
  });

  it('rejects a non-positive count', async () => {
    await expect(benchSinks(0)).rejects.toThrow(RangeError);
  });
});
