import { describe, expect, it } from 'vitest';
import { crmUserToken } from '../support/crm-token.ts';
import { liveHeap } from '../support/gc.ts';
import { type ServeInfo, serveInProcess } from '../support/serve-in-process.ts';
import { fhirClientToken } from '../support/smart-token.ts';

type Traffic = 'fhir' | 'crm';

/** A token for the FHIR client serve printed, or the CRM front-desk user's through the console app. */
async function authorization(info: ServeInfo, traffic: Traffic): Promise<string> {
  return `Bearer ${traffic === 'fhir' ? await fhirClientToken(info) : await crmUserToken(info)}`;
}

/**
 * The URLs of each traffic: FHIR Patient reads with a search every tenth request, or CRM Account
 * reads with a SOQL query every fourth. The org's per-client API throttle answers most CRM calls
 * 403 REQUEST_LIMIT_EXCEEDED after the first hundred a minute; answered or refused, each one is a
 * row of the org's event monitoring, as on Salesforce.
 */
async function urlsOf(info: ServeInfo, traffic: Traffic, headers: Record<string, string>) {
  if (traffic === 'fhir') {
    const page = (await (await fetch(`${info.fhir}/Patient?_count=20`, { headers })).json()) as {
      entry: Array<{ resource: { id: string } }>;
    };
    const ids = page.entry.map((entry) => entry.resource.id);
    return {
      url: (n: number) =>
        n % 10 === 9 ? `${info.fhir}/Patient?_count=5` : `${info.fhir}/Patient/${ids[n % ids.length]}`,
      statuses: [200],
    };
  }
  const data = `${info.salesforce.instanceUrl}/services/data/v${info.salesforce.apiVersion}`;
  const query = (soql: string) => `${data}/query?q=${encodeURIComponent(soql)}`;
  const page = (await (await fetch(query('SELECT Id FROM Account LIMIT 20'), { headers })).json()) as {
    records: Array<{ Id: string }>;
  };
  const ids = page.records.map((record) => record.Id);
  return {
    url: (n: number) =>
      n % 4 === 3
        ? query('SELECT Id, Name FROM Account LIMIT 5')
        : `${data}/sobjects/Account/${ids[n % ids.length]}`,
    statuses: [200, 403],
  };
}

/**
 * `phi-drill serve` in this process, driven by a bounded loop of requests over loopback; returns
 * how much the live heap grew over the measured requests after a warm-up.
 */
async function heapGrowth(
  traffic: Traffic,
  keepLogs: number,
  warmUp: number,
  measured: number,
): Promise<number> {
  const { info, stop } = await serveInProcess(['--patients', '40', '--keep-logs', String(keepLogs)]);
  try {
    const headers = { authorization: await authorization(info, traffic) };
    const { url, statuses } = await urlsOf(info, traffic, headers);
    const requests = async (count: number) => {
      for (let n = 0; n < count; n++) {
        const response = await fetch(url(n), { headers });
        expect(statuses).toContain(response.status);
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
    expect(await heapGrowth('fhir', 300, 1000, 6000)).toBeLessThan(3 * MB);
  });

  it('grows with every request when its logs are kept whole (the check can fail)', async () => {
    // 6,000 AuditEvents of about 1.5 KB each stay reachable (their constant parts are shared).
    expect(await heapGrowth('fhir', 1_000_000, 1000, 6000)).toBeGreaterThan(5 * MB);
  });

  it('stays flat under CRM API traffic: event-monitoring rows and their EventLogFiles are trimmed too', async () => {
    expect(await heapGrowth('crm', 300, 1000, 6000)).toBeLessThan(3 * MB);
  });

  it('grows with every CRM call when the event log is kept whole (the check can fail)', async () => {
    // About 2 KB of event-log row per call, held by the log and by its hourly and daily files.
    expect(await heapGrowth('crm', 1_000_000, 1000, 6000)).toBeGreaterThan(5 * MB);
  });
});
