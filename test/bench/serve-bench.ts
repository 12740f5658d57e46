import { Agent, createServer, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectGarbage } from '../support/gc.ts';
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
  /** Estate rate over bare rate, round by round: the median and the spread of the rounds. */
  ratio: { median: number; min: number; max: number };
}

/** Rounds the measured requests are split into, each timing the estate and the bare server in turn. */
const ROUNDS = 10;

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

interface Driven {
  seconds: number;
  latencies: number[];
}

/** `requests` GETs of `urls` in turn over CONCURRENCY keep-alive connections: time taken and each latency. */
async function drive(
  urls: readonly string[],
  headers: Record<string, string>,
  requests: number,
): Promise<Driven> {
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
  return { seconds: (performance.now() - began) / 1000, latencies };
}

/** Rate and 99th-percentile latency over every round of one server. */
function figureOf(rounds: readonly Driven[]): LoopbackFigure {
  const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  return { perSec: latencies.length / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)]! };
}

/**
 * FHIR Patient reads from `phi-drill serve` over loopback against a bare `node:http` server that
 * answers each of the same URLs with the body and content type the estate gave it, both driven by
 * the same client in this process (so the client's cost falls on both alike). Each is warmed up
 * with a fifth of `requests` first. The measured requests run in ROUNDS rounds, each timing the
 * estate and then the bare server (in the other order every second round) after a full collection,
 * and the ratio is taken round by round: the machine's speed drifts over a run, and pairing keeps
 * that drift out of it.
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
    const estate: Driven[] = [];
    const baseline: Driven[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const share = Math.floor(requests / ROUNDS) + (round < requests % ROUNDS ? 1 : 0);
      if (share === 0) continue;
      const estateFirst = round % 2 === 0;
      // A full collection before each run, untimed, so neither pays for the other's garbage.
      collectGarbage();
      const first = await drive(estateFirst ? estateUrls : bareUrls, headers, share);
      collectGarbage();
      const second = await drive(estateFirst ? bareUrls : estateUrls, headers, share);
      const [ours, bare] = estateFirst ? [first, second] : [second, first];
      estate.push(ours);
      baseline.push(bare);
      ratios.push(bare.seconds / ours.seconds);
    }
    ratios.sort((a, b) => a - b);
    return {
      estate: figureOf(estate),
      bare: figureOf(baseline),
      ratio: { median: ratios[Math.floor(ratios.length / 2)]!, min: ratios[0]!, max: ratios.at(-1)! },
    };
  } finally {
    await stop();
    await new Promise((resolve) => bare.close(resolve));
  }
}
