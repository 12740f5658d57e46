import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/telemetry/sinks/create-sink.ts';
import { closedPort, FAST, record, sinkDeps, tcpReceiver, udpReceiver } from './sink-fixtures.ts';

/** RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG`, SD being `-` or `[...]` elements. */
const RFC5424 =
  /^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\S{1,255}) (\S{1,48}) (\S{1,128}) (\S{1,32}) (-|(?:\[[^\]]*(?:\\\][^\]]*)*\])+) (.*)$/s;

function parse(message: string) {
  const match = RFC5424.exec(message);
  if (!match) throw new Error(`not RFC 5424: ${message}`);
  const [, pri, timestamp, host, app, procId, msgId, sd, msg] = match;
  return { pri: Number(pri), timestamp, host, app, procId, msgId, sd, msg };
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('syslog sink', () => {
  it('sends one RFC 5424 datagram per record over UDP, stamped by the run clock', async () => {
    const receiver = await udpReceiver();
    const sink = createSink(
      {
        type: 'syslog',
        id: 'siem-udp',
        transport: 'udp',
        host: '127.0.0.1',
        port: receiver.port,
        facility: 10,
        severity: 5,
        appName: 'phi-drill',
        msgId: 'fhir.read',
        structuredData: { 'drill@32473': { run: 'r-1', note: 'a "quoted" ]value\\' } },
        ...FAST,
      },
      sinkDeps(),
    );
    for (let n = 1; n <= 25; n++) sink.write(record(n));
    await sink.close();
    await waitFor(() => receiver.messages.length >= 25);
    await receiver.close();

    expect(receiver.messages).toHaveLength(25);
    const first = parse(receiver.messages[0]!.toString('utf8'));
    expect(first).toEqual({
      pri: 10 * 8 + 5,
      timestamp: '2026-03-02T13:00:54.929Z',
      host: hostname(),
      app: 'phi-drill',
      procId: '-',
      msgId: 'fhir.read',
      sd: '[drill@32473 run="r-1" note="a \\"quoted\\" \\]value\\\\"]',
      msg: record(1),
    });
    expect(receiver.messages.map((m) => parse(m.toString('utf8')).msg)).toEqual(
      Array.from({ length: 25 }, (_, i) => record(i + 1)),
    );
    expect(sink.stats()).toEqual({ sent: 25, failed: 0, dropped: 0, retries: 0, pending: 0 });
  });

  it('truncates an oversized UDP message at a character boundary, with the UTF-8 BOM', async () => {
    const receiver = await udpReceiver();
    const sink = createSink(
      {
        type: 'syslog',
        id: 'small',
        transport: 'udp',
        host: '127.0.0.1',
        port: receiver.port,
        hostname: 'drill host',
        maxMessageBytes: 120,
        ...FAST,
      },
      sinkDeps(),
    );
    // "é" is two bytes: a cut anywhere would split one unless the sink steps back.
    sink.write(`Ren${'é'.repeat(200)}`);
    await sink.close();
    await waitFor(() => receiver.messages.length >= 1);
    await receiver.close();

    const [datagram] = receiver.messages;
    expect(datagram!.length).toBeLessThanOrEqual(120);
    expect(datagram!.length).toBeGreaterThanOrEqual(119);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(datagram);
    const parsed = parse(text);
    expect(parsed.host).toBe('drill_host');
    expect(parsed.msg).toMatch(/^\u{FEFF}Ren(é)+$/u);
  });

  it('frames messages with RFC 6587 octet counting over TCP, lengths in bytes', async () => {
    const receiver = await tcpReceiver();
    const sink = createSink(
      { type: 'syslog', id: 'siem-tcp', transport: 'tcp', host: '127.0.0.1', port: receiver.port, ...FAST },
      sinkDeps(),
    );
    sink.write('multi\nline record');
    sink.write('Zoë Zztest — ZZTEST-00000443');
    for (let n = 1; n <= 30; n++) sink.write(record(n));
    await sink.close();
    await waitFor(() => receiver.messages.length >= 32);
    await receiver.close();

    expect(receiver.framingErrors).toEqual([]);
    expect(receiver.messages).toHaveLength(32);
    const parsed = receiver.messages.map(parse);
    expect(parsed[0]).toMatchObject({ pri: 13 * 8 + 6, app: 'phi-drill', procId: '-', msgId: '-', sd: '-' });
    expect(parsed.map((p) => p.msg)).toEqual([
      'multi\nline record',
      '\u{FEFF}Zoë Zztest — ZZTEST-00000443',
      ...Array.from({ length: 30 }, (_, i) => record(i + 1)),
    ]);
    expect(sink.stats()).toMatchObject({ sent: 32, failed: 0, pending: 0 });
  });

  it('reconnects after the receiver drops the TCP connection', async () => {
    const receiver = await tcpReceiver({ dropFirstConnectionAfter: 10 });
    const sink = createSink(
      { type: 'syslog', id: 'flaky', transport: 'tcp', host: '127.0.0.1', port: receiver.port, ...FAST },
      sinkDeps(),
    );
    for (let n = 1; n <= 10; n++) sink.write(record(n));
    await sink.flush();
    await waitFor(() => receiver.connections() === 1 && receiver.messages.length === 10);
    // Let the hang-up reach the sink before the next batch, as it would between bursts.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let n = 11; n <= 20; n++) sink.write(record(n));
    await sink.close();
    await waitFor(() => receiver.messages.length >= 20);
    await receiver.close();

    expect(receiver.connections()).toBe(2);
    expect(receiver.messages.map((m) => parse(m).msg)).toEqual(
      Array.from({ length: 20 }, (_, i) => record(i + 1)),
    );
    expect(sink.stats()).toMatchObject({ sent: 20, failed: 0 });
  });

  it('counts records as failed when the TCP receiver is down, after retrying', async () => {
    const port = await closedPort();
    const deps = sinkDeps();
    const sink = createSink(
      { type: 'syslog', id: 'down', transport: 'tcp', host: '127.0.0.1', port, ...FAST, maxAttempts: 3 },
      deps,
    );
    for (let n = 1; n <= 5; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toEqual({ sent: 0, failed: 5, dropped: 0, retries: 2, pending: 0 });
    expect(deps.errors[0]).toContain('ECONNREFUSED');
  });

  it('refuses a host that is not allow-listed, and bad header values', () => {
    expect(() =>
      createSink(
        { type: 'syslog', id: 'siem', transport: 'udp', host: 'siem.example.org', port: 514 },
        sinkDeps(),
      ),
    ).toThrow('sink siem: host siem.example.org is not allow-listed');
    expect(() =>
      createSink(
        { type: 'syslog', id: 'siem', transport: 'tcp', host: '127.0.0.1', port: 514, facility: 24 },
        sinkDeps(),
      ),
    ).toThrow('sink siem: syslog facility must be 0–23, got 24');
  });
});
