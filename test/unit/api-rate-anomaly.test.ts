import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { apiRateAnomaly } from '../../src/controls/api-rate-anomaly.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const START = Date.parse('2026-03-03T15:00:00Z');
const MINUTE = 60_000;

function setUp(options: { control: boolean } = { control: true }) {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 8, patients: 20 });
  const signals: SignalInput[] = [];
  if (options.control) {
    const control = apiRateAnomaly.start!({ estate, clock, raise: (signal) => signals.push(signal) });
    bus.subscribe((event) => control.onEvent!(event));
  }
  const { engageApp, engageUser } = estate.credentials.crm;
  const token = estate.crmIssueToken(engageApp.clientId, engageUser.username, ['api']);
  const describePath = `/services/data/v${estate.crmApiVersion}/sobjects/Account/describe`;
  const call = async (sourceIp: string, times = 1) => {
    let last: Response | undefined;
    for (let n = 0; n < times; n++) {
      last = await estate.fetch(describePath, {
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': sourceIp },
      });
      if (n < times - 1) await last.body?.cancel();
    }
    return last!;
  };
  const at = (minutes: number) => clock.sleepUntil(START + minutes * MINUTE);
  return { estate, signals, call, at };
}

describe('api-rate-anomaly', () => {
  it('stays quiet for a client below the floor', async () => {
    const { signals, call } = setUp();
    await call('192.0.2.60', 60);
    expect(signals).toEqual([]);
  });

  it('flags a flood, blocks its outside sources and switches the throttle back on', async () => {
    const { estate, signals, call } = setUp();
    const { limits } = estate.crm.state;
    limits.config.throttle.enabled = false;
    await call('192.0.2.60', 40);
    await call('192.0.2.61', 21);
    expect(signals.map((s) => [s.rule, s.severity])).toEqual([['client-rate-anomaly', 'medium']]);
    expect(signals[0]!.summary).toContain('"PatientEngage Analytics" made 61 CRM API calls');
    expect([...limits.blockedSources]).toEqual(['192.0.2.60', '192.0.2.61']);
    expect(limits.config.throttle.enabled).toBe(true);
    const refused = await call('192.0.2.61');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([expect.objectContaining({ errorCode: 'TXN_SECURITY_NO_ACCESS' })]);
  });

  it('measures a client against its own busiest minute', async () => {
    const { signals, call, at } = setUp();
    await call('192.0.2.60', 20);
    await at(1);
    await call('192.0.2.60', 150);
    expect(signals).toEqual([]);
  });

  it('never lets a flooded minute raise the baseline', async () => {
    const { estate, signals, call, at } = setUp();
    await call('192.0.2.60', 61);
    await at(1);
    await call('192.0.2.62', 61);
    expect(signals).toHaveLength(1);
    expect([...estate.crm.state.limits.blockedSources]).toEqual(['192.0.2.60', '192.0.2.62']);
  });

  it('never blocks an internal host, even when it floods', async () => {
    const { estate, signals, call } = setUp();
    estate.crm.state.limits.config.throttle.enabled = false;
    await call('10.40.0.12', 61);
    expect(signals).toHaveLength(1);
    expect(estate.crm.state.limits.blockedSources.size).toBe(0);
  });

  it('without the control, the flood spends the allocation and the sync falls behind', async () => {
    const { estate, signals, call, at } = setUp({ control: false });
    const { limits } = estate.crm.state;
    limits.config.throttle.enabled = false;
    limits.config.allocation = { requests: 100, windowMs: 60 * MINUTE };
    await call('192.0.2.60', 100);
    estate.touchPatient(3, () => 0.2);
    await estate.sync.runBatch();
    await at(30);
    await estate.sync.runBatch();
    expect(signals).toEqual([]);
    expect(estate.sync.state.queue).toHaveLength(1);
    expect(estate.sync.oldestPendingMs()).toBe(30 * MINUTE);
    await at(61);
    await estate.sync.runBatch();
    expect(estate.sync.state.queue).toHaveLength(0);
    expect(estate.sync.state.latency.lastMs).toBe(61 * MINUTE);
  });
});
