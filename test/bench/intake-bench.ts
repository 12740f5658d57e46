import { Agent, request } from 'node:http';
import { elapsedMs, RealClock } from '../../src/clock/clock.ts';
import { signBody } from '../../src/controls/intakes/signature.ts';
import { startWebhookIntake } from '../../src/controls/intakes/webhook.ts';

export interface WebhookBenchResult {
  /** Alerts delivered to the intake's sink per second, wall time, over loopback. */
  perSec: number;
  /** Alerts posted that never reached the sink (non-202 answers and failed requests). */
  lost: number;
}

const CONCURRENCY = 32;
const SECRET = 'bench-secret';

function post(url: string, agent: Agent, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-phidrill-signature': signBody(SECRET, body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Posts `alerts` signed alerts, one per request, to a webhook intake on 127.0.0.1 over CONCURRENCY
 * keep-alive connections (node:http, the lightest client, so the intake is what is measured), and
 * counts what its sink received. Client and intake share this process.
 */
export async function benchWebhook(alerts: number): Promise<WebhookBenchResult> {
  if (!Number.isInteger(alerts) || alerts < 1) {
    throw new RangeError(`alerts must be a positive integer, got ${alerts}`);
  }
  let arrived = 0;
  const intake = await startWebhookIntake(
    { type: 'webhook', id: 'bench', secretEnv: 'BENCH_SECRET' },
    {
      clock: new RealClock(),
      env: { BENCH_SECRET: SECRET },
      sink: {
        alert: () => {
          arrived += 1;
        },
        reject: () => {},
      },
    },
  );
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const worker = async () => {
    while (next < alerts) {
      const n = next++;
      const body = JSON.stringify({ rule: 'bench', n, correlation_id: `PHI-DRILL-${n.toString(16)}` });
      // A failed request is counted as lost below: arrival is measured at the sink, not from answers.
      await post(intake.url, agent, body).catch(() => {});
    }
  };
  const began = elapsedMs();
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, alerts) }, worker));
  } finally {
    agent.destroy();
    await intake.close();
  }
  const seconds = (elapsedMs() - began) / 1000;
  return { perSec: arrived / seconds, lost: alerts - arrived };
}
