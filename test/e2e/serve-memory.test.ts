import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { serveInProcess } from '../support/serve-in-process.ts';
import { fhirClientToken } from '../support/smart-token.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after full collections, so only what is still reachable counts. */
function liveHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/**
 * `phi-drill serve` in this process, driven by a bounded loop of FHIR reads and searches over
 * loopback; returns how much the live heap grew over the measured requests after a warm-up.
 */
async function heapGrowth(keepLogs: number, warmUp: number, measured: number): Promise<number> {
  const { info, stop } = await serveInProcess(['--patients', '40', '--keep-logs', String(keepLogs)]);
  try {
    const headers = { authorization: `Bearer ${await fhirClientToken(info)}` };
    const page = (await (await fetch(`${info.fhir}/Patient?_count=20`, { headers })).json()) as {
      entry: Array<{ resource: { id: string } }>;
    };
    const ids = page.entry.map((entry) => entry.resource.id);
    const requests = async (count: number) => {
      for (let n = 0; n < count; n++) {
        const url =
          n % 10 === 9 ? `${info.fhir}/Patient?_count=5` : `${info.fhir}/Patient/${ids[n % ids.length]}`;
        const response = await fetch(url, { headers });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    };
    await requests(warmUp);
    const before = liveHeap();
    await requests(measured);
    return liveHeap() - before;
  } finally {
    await stop();
  }
}

const MB = 1024 * 1024;

describe('phi-drill serve memory', () => {
  it('stays flat after warm-up: the estate keeps the newest records of each log, not every one', async () => {
    expect(await heapGrowth(300, 1000, 6000)).toBeLessThan(3 * MB);
  });

  it('grows with every request when its logs are kept whole (the check can fail)', async () => {
    // 6,000 AuditEvents of about 1.5 KB each stay reachable (their constant parts are shared).
    expect(await heapGrowth(1_000_000, 1000, 6000)).toBeGreaterThan(5 * MB);
  });
});
