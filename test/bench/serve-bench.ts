import { Agent, createServer, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveInProcess } from '../support/serve-in-process.ts';
import { fhirClientToken } from '../support/smart-token.ts';

const CONCURRENCY = 8;

export interface LoopbackFigure {
  perSec: number;
  p99Ms: number;
}

export interface ServeBenchResult {
  estate: LoopbackFigure;
  bare: LoopbackFigure;
}

/** One GET over a keep-alive agent: status, headers and the whole body. */
export function fetchOver(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** `requests` GETs of `urls` in turn over CONCURRENCY keep-alive connections: rate and 99th-percentile latency. */
async function drive(urls: readonly string[], headers: Record<string, string>, requests: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const url = urls[next++ % urls.length]!;
      const began = performance.now();
      const { status } = await fetchOver(agent, url, headers);
      if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
      latencies.push(performance.now() - began);
    }
  };
  const began = performance.now();
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSec: requests / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)]! };
}

/**
 * FHIR Patient reads from `phi-drill serve` over loopback against a bare `node:http` server that
 * answers each of the same URLs with the body and content type the estate gave it, both driven by
 * the same client in this process (so the client's cost falls on both alike). Each is warmed up
 * with a fifth of `requests` first.
 */
export async function benchServe(requests: number): Promise<ServeBenchResult> {
  if (!Number.isInteger(requests) || requests < 1)
    throw new RangeError(`requests must be a positive integer, got ${requests}`);
  const { info, stop } = await serveInProcess(['--patients', '200']);
  const bare = createServer();
  try {
    const headers = { authorization: `Bearer ${await fhirClientToken(info)}` };
    const paths = Array.from({ length: 20 }, (_, n) => `/Patient/zz-${String(n).padStart(7, '0')}`);
    const estateUrls = paths.map((path) => `${info.fhir}${path}`);
    // The bare server answers what the estate answered, byte for byte.
    const agent = new Agent({ keepAlive: true });
    const answers = new Map<string, { type: string; body: Buffer }>();
    for (const url of estateUrls) {
      const { status, headers: got, body } = await fetchOver(agent, url, headers);
      if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
      answers.set(new URL(url).pathname, { type: String(got['content-type']), body });
    }
    agent.destroy();
    bare.on('request', (req, res) => {
      const answer = answers.get(new URL(req.url ?? '/', 'http://x').pathname);
      res.writeHead(answer ? 200 : 404, { 'content-type': answer?.type ?? 'text/plain' });
      res.end(answer?.body);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareBase = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    const bareUrls = estateUrls.map((url) => `${bareBase}${new URL(url).pathname}`);
    const warmUp = Math.max(1, Math.floor(requests / 5));
    await drive(estateUrls, headers, warmUp);
    await drive(bareUrls, headers, warmUp);
    const estate = await drive(estateUrls, headers, requests);
    const baseline = await drive(bareUrls, headers, requests);
    return { estate, bare: baseline };
  } finally {
    await stop();
    await new Promise((resolve) => bare.close(resolve));
  }
}
