import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunIo, runCommand } from '../../src/cli/run-command.ts';
import { createRegistry } from '../../src/registry.ts';
import { brokerCapture } from './broker-capture.ts';
import { serviceUrl } from './broker-env.ts';

const nats = serviceUrl('PHI_DRILL_NATS_URL');
const amqp = serviceUrl('PHI_DRILL_AMQP_URL');
const root = mkdtempSync(join(tmpdir(), 'phi-drill-broker-drill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a real-clock drill sending its telemetry to NATS JetStream and RabbitMQ', () => {
  it('delivers every record and puts each broker sink’s counts in the ledger and the report', async () => {
    const { stream, exchange, streamed, queued, close } = await brokerCapture('drill');
    try {
      const target = join(root, 'target.yaml');
      writeFileSync(
        target,
        `id: brokers
schedule: { steadyState: 1s, injects: { overscoped-pull: 1s } }
expectations:
  detect-broad-grant: { within: 2s }
  audit-api-pull: { within: 2s }
  revoke-app-tokens: { within: 2s }
  open-notification-task: { within: 2s }
  privacy-officer-briefed: { within: 2s }
  notices: { within: 2s }
telemetry:
  - { id: siem-nats, encoder: jsonl, type: nats, url: "nats://${nats.host}:${nats.port}", subject: "phidrill.drill.${stream}", stream: ${stream}, flushIntervalMs: 100 }
  - { id: siem-amqp, encoder: jsonl, type: amqp, url: "amqp://${amqp.host}:${amqp.port}", exchange: "${exchange}", routingKey: phi, userEnv: BROKER_USER, passwordEnv: BROKER_PASSWORD, flushIntervalMs: 100 }
`,
      );
      let out = '';
      const io: RunIo = {
        stdout: { write: (chunk: string) => (out += chunk) },
        stderr: { write: () => true },
        isTTY: false,
        env: amqp.env,
        cwd: process.cwd(),
      };
      await runCommand(
        ['scenarios/oauth-overscope.yaml', '--target', target, '--out', root, '--json'],
        io,
        createRegistry(),
      );
      const { reports } = JSON.parse(out) as {
        reports: Array<{
          sinks: Array<{ sink: string; records: number; sent: number; failed: number; dropped: number }>;
          witness?: { sinks: Array<{ sink: string; sent: number }> };
        }>;
      };
      const sinks = Object.fromEntries(reports[0]!.sinks.map((sink) => [sink.sink, sink]));
      for (const id of ['siem-nats', 'siem-amqp']) {
        expect(sinks[id]!.records).toBeGreaterThan(0);
        expect(sinks[id]).toMatchObject({ sent: sinks[id]!.records, failed: 0, dropped: 0 });
      }
      // Each broker also holds the ledger head the run witnessed there at close, as a record of its own.
      const witnessed = (id: string) =>
        reports[0]!.witness?.sinks.find((sink) => sink.sink === id)?.sent ?? 0;
      expect(witnessed('siem-nats')).toBe(1);
      expect(witnessed('siem-amqp')).toBe(1);
      expect(await streamed()).toBe(sinks['siem-nats']!.records + 1);
      expect(await queued()).toBe(sinks['siem-amqp']!.records + 1);
    } finally {
      await close();
    }
  });
});
