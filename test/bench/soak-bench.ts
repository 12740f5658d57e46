import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock } from '../../src/clock/clock.ts';
import { systemTimers } from '../../src/clock/timers.ts';
import { type SoakReport, soak } from '../../src/soak/soak.ts';
import { targetSchema } from '../../src/target/schema.ts';

export interface SoakBenchResult {
  speed: number;
  report: SoakReport;
  /** Wall time over the recorded span divided by the speed: 1.00 means the replay kept pace. */
  paceRatio: number;
}

/**
 * A soak of heavy background traffic into a file and a loopback webhook at each speed: delivered
 * events per second, loss and lag, and whether the replay kept the pace it was asked for.
 */
export async function benchSoak(
  runs: Array<{ speed: number; durationMs: number }>,
): Promise<SoakBenchResult[]> {
  const folder = await mkdtemp(join(tmpdir(), 'phi-drill-soak-bench-'));
  let received = 0;
  const server = createServer((request, response) => {
    request.on('data', () => {});
    request.on('end', () => {
      received += 1;
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const results: SoakBenchResult[] = [];
  try {
    for (const [index, run] of runs.entries()) {
      const target = targetSchema.parse({
        id: 'soak-bench',
        telemetry: [
          {
            id: 'file',
            type: 'file',
            encoder: 'jsonl',
            path: join(folder, `soak-${index}.jsonl`),
            flushIntervalMs: 100,
          },
          {
            id: 'webhook',
            type: 'http',
            format: 'generic',
            encoder: 'ocsf',
            url: `http://127.0.0.1:${port}/ingest`,
            flushIntervalMs: 100,
          },
        ],
      });
      const report = await soak({
        target,
        clock: new RealClock(),
        timers: systemTimers,
        env: process.env,
        seed: 1,
        patients: 500,
        level: 'heavy',
        durationMs: run.durationMs,
        maxEvents: 1_000_000,
        speed: run.speed,
        maxLoss: 0,
      });
      results.push({ speed: run.speed, report, paceRatio: report.wallMs / (report.coveredMs / run.speed) });
    }
  } finally {
    server.close();
    await rm(folder, { recursive: true, force: true });
  }
  if (received === 0) throw new Error('the webhook received nothing');
  return results;
}
