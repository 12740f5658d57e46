import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as amqpConnect } from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';
import { QUICK, runSoak } from '../soak/soak-io.ts';
import { brokerCapture } from './broker-capture.ts';
import { serviceUrl } from './broker-env.ts';

const nats = serviceUrl('PHI_DRILL_NATS_URL');
const amqp = serviceUrl('PHI_DRILL_AMQP_URL');
const root = mkdtempSync(join(tmpdir(), 'phi-drill-soak-brokers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function target(telemetry: string): string {
  const path = join(root, `${randomUUID()}.yaml`);
  writeFileSync(path, `id: soak-brokers\ntelemetry:\n${telemetry}`);
  return path;
}

describe('phi-drill soak into NATS JetStream and RabbitMQ', () => {
  it('delivers every record, each stored by the broker, and exits 0', async () => {
    const { stream, exchange, streamed, queued, close } = await brokerCapture('soak');
    try {
      const path =
        target(`  - { id: siem-nats, encoder: jsonl, type: nats, url: "nats://${nats.host}:${nats.port}", subject: "phidrill.soak.${stream}", stream: ${stream}, flushIntervalMs: 50 }
  - { id: siem-amqp, encoder: cef, type: amqp, url: "amqp://${amqp.host}:${amqp.port}", exchange: "${exchange}", routingKey: phi, userEnv: BROKER_USER, passwordEnv: BROKER_PASSWORD, flushIntervalMs: 50 }
`);
      const { code, report } = await runSoak(['--target', path, ...QUICK, '--json'], amqp.env);
      expect(code).toBe(0);
      const [natsSink, amqpSink] = report!.sinks;
      expect(natsSink).toMatchObject({ written: report!.events, delivered: report!.events, lost: 0 });
      expect(amqpSink!.lost).toBe(0);
      expect(amqpSink!.delivered).toBeGreaterThan(0);
      expect(natsSink!.lagMs!.p99).toBeGreaterThanOrEqual(natsSink!.lagMs!.p50);
      expect(await streamed()).toBe(natsSink!.delivered);
      expect(await queued()).toBe(amqpSink!.delivered);
    } finally {
      await close();
    }
  });

  it('counts what no queue took, or no stream captured, as lost, and exits 1', async () => {
    const exchange = `phidrill.soak.${randomUUID()}`;
    const admin = await amqpConnect(process.env.PHI_DRILL_AMQP_URL!);
    const channel = await admin.createChannel();
    // An exchange with nothing bound: every persistent, mandatory message comes back unroutable.
    await channel.assertExchange(exchange, 'fanout', { durable: false });
    try {
      const path =
        target(`  - { id: siem-amqp, encoder: jsonl, type: amqp, url: "amqp://${amqp.host}:${amqp.port}", exchange: "${exchange}", routingKey: phi, userEnv: BROKER_USER, passwordEnv: BROKER_PASSWORD, flushIntervalMs: 50, maxAttempts: 1 }
  - { id: siem-nats, encoder: jsonl, type: nats, url: "nats://${nats.host}:${nats.port}", subject: "phidrill.nostream.${randomUUID()}", flushIntervalMs: 50, maxAttempts: 1, ackTimeoutMs: 1000, closeTimeoutMs: 3000 }
`);
      const { code, report } = await runSoak(['--target', path, ...QUICK, '--json'], amqp.env);
      expect(code).toBe(1);
      expect(report!.failing).toEqual(['siem-amqp', 'siem-nats']);
      for (const sink of report!.sinks) {
        expect(sink.lost).toBe(sink.written);
        expect(sink.lagMs).toBeNull();
      }
    } finally {
      await channel.deleteExchange(exchange).catch(() => undefined);
      await admin.close();
    }
  });
});
