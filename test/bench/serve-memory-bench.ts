import { Agent } from 'node:http';
import { crmUserToken } from '../support/crm-token.ts';
import { liveHeap } from '../support/gc.ts';
import { serveInProcess } from '../support/serve-in-process.ts';
import { fhirClientToken } from '../support/smart-token.ts';
import { fetchOver } from './serve-bench.ts';

const CONCURRENCY = 8;

export interface ServeMemoryResult {
  requests: number;
  /** Live heap (after full collections) at each sample, in bytes: the first is after the warm-up. */
  samples: Array<{ after: number; liveBytes: number }>;
}

/**
 * `phi-drill serve` (default `--keep-logs`) in this process under `requests` requests over 8
 * keep-alive loopback connections: FHIR Patient reads with a search every tenth, and a CRM SOQL
 * query every fifth (most refused by the org's API throttle, each still an event-log row). The live
 * heap is sampled after a warm-up of a tenth of the requests and then `samples` times, evenly: flat
 * means the last samples sit where the first did, within what the logs hold between trims.
 */
export async function benchServeMemory(requests: number, samples = 5): Promise<ServeMemoryResult> {
  if (!Number.isInteger(requests) || requests < samples)
    throw new RangeError(`requests must be an integer of at least ${samples}, got ${requests}`);
  const { info, stop } = await serveInProcess(['--patients', '200']);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const fhir = { authorization: `Bearer ${await fhirClientToken(info)}` };
    const crm = { authorization: `Bearer ${await crmUserToken(info)}` };
    const soql = `${info.salesforce.instanceUrl}/services/data/v${info.salesforce.apiVersion}/query?q=${encodeURIComponent('SELECT Id, Name FROM Account LIMIT 5')}`;
    const request = (n: number): [string, Record<string, string>] => {
      if (n % 5 === 4) return [soql, crm];
      if (n % 10 === 9) return [`${info.fhir}/Patient?_count=5`, fhir];
      return [`${info.fhir}/Patient/zz-${String(n % 200).padStart(7, '0')}`, fhir];
    };
    let sent = 0;
    const run = async (count: number) => {
      const end = sent + count;
      const worker = async () => {
        while (sent < end) {
          const [url, headers] = request(sent++);
          const { status } = await fetchOver(agent, url, headers);
          if (status !== 200 && status !== 403) throw new Error(`GET ${url} answered ${status}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };
    await run(Math.max(1, Math.floor(requests / 10)));
    const result: ServeMemoryResult = { requests, samples: [{ after: 0, liveBytes: liveHeap() }] };
    const step = Math.floor(requests / samples);
    for (let sample = 1; sample <= samples; sample++) {
      const after = sample === samples ? requests : sample * step;
      await run(after - (sample - 1) * step);
      result.samples.push({ after, liveBytes: liveHeap() });
    }
    return result;
  } finally {
    agent.destroy();
    await stop();
  }
}
