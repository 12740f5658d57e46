import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/registry.ts';
import { loadTargetText } from '../../src/target/loader.ts';
import { createSink } from '../../src/telemetry/sinks/create-sink.ts';
import { sinkDeps } from '../integration/sink-fixtures.ts';

const controls = new Set(createRegistry().controls.keys());
const problemsOf = (text: string) => {
  const result = loadTargetText(text, 'target.yaml', controls);
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.path}`);
};

describe('broker telemetry routes in a target file', () => {
  it('accepts NATS, AMQP and Kafka routes on loopback', () => {
    const text = [
      'id: brokers',
      'telemetry:',
      '  - { id: n, encoder: ocsf, type: nats, url: "nats://127.0.0.1:4222", subject: siem.phi, stream: SIEM }',
      '  - { id: a, encoder: cef, type: amqp, url: "amqp://127.0.0.1:5672/", exchange: siem, routingKey: phi,',
      '      userEnv: AMQP_USER, passwordEnv: AMQP_PASSWORD, declare: topic }',
      '  - { id: k, encoder: jsonl, type: kafka, brokers: ["127.0.0.1:9092", "[::1]:9093"], topic: phi }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([]);
  });

  it('refuses a non-loopback broker that allowHosts does not name, and a bad broker address', () => {
    const text = [
      'id: brokers',
      'telemetry:',
      '  - { id: n, encoder: ocsf, type: nats, url: "nats://nats.example.org:4222", subject: s }',
      '  - { id: k, encoder: jsonl, type: kafka, brokers: ["kafka.example.org:9092"], topic: phi }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      '3:46 bad-value telemetry[0].url',
      '4:52 bad-value telemetry[1].brokers',
    ]);
    expect(
      problemsOf(
        text.replace('id: brokers', 'id: brokers\nallowHosts: [nats.example.org, kafka.example.org]'),
      ),
    ).toEqual([]);
    expect(problemsOf(text.replace('kafka.example.org:9092', 'kafka.example.org'))).toContain(
      '4:53 bad-value telemetry[1].brokers[0]',
    );
  });

  it('refuses credentials in a broker URL and half-given or missing secrets before connecting', () => {
    const base = { id: 'a', exchange: 'x', routingKey: 'k' } as const;
    expect(() =>
      createSink({ ...base, type: 'amqp', url: 'amqp://guest:guest@127.0.0.1:5672' }, sinkDeps()),
    ).toThrow(/userEnv\/passwordEnv, not in the URL/);
    expect(() =>
      createSink({ ...base, type: 'amqp', url: 'amqp://127.0.0.1:5672', userEnv: 'AMQP_USER' }, sinkDeps()),
    ).toThrow(/both userEnv and passwordEnv/);
    expect(() =>
      createSink(
        { type: 'nats', id: 'n', url: 'nats://127.0.0.1:4222', subject: 's', tokenEnv: 'NATS_TOKEN' },
        sinkDeps(),
      ),
    ).toThrow(/NATS_TOKEN is not set/);
    expect(() =>
      createSink({ type: 'nats', id: 'n', url: 'http://127.0.0.1:4222', subject: 's' }, sinkDeps()),
    ).toThrow(/nats:\/\//);
  });
});
