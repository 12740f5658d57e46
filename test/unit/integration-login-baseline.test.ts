import { describe, expect, it } from 'vitest';
import { Agenda } from '../../src/clock/agenda.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { BASELINE_MS, integrationLoginBaseline } from '../../src/controls/integration-login-baseline.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { scheduleBackground } from '../../src/estate/background/traffic.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { SYNC_SERVER_IP } from '../../src/estate/sync/sync-telemetry.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

// Monday 08:00 in New York.
const START = Date.parse('2026-03-02T13:00:00Z');
const HOUR = 3_600_000;

function setUp() {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 4, patients: 20 });
  const signals: SignalInput[] = [];
  const logins: TelemetryEvent[] = [];
  const control = integrationLoginBaseline.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => {
    if (event.action === 'oauth.token') logins.push(event);
    control.onEvent!(event);
  });
  const { syncApp } = estate.credentials.crm;
  const leaked = { ...syncApp };
  const login = (sourceIp: string, secret = leaked.clientSecret) =>
    estate.fetch('/services/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': sourceIp },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: leaked.clientId,
        client_secret: secret,
      }),
    });
  /** One sync batch, which logs the integration in from its server when it holds no live session. */
  const syncOnce = async () => {
    estate.touchPatient(1, () => 0.3);
    return estate.sync.runBatch();
  };
  const at = (ms: number) => clock.sleepUntil(START + ms);
  return { clock, estate, signals, logins, control, login, syncOnce, at, leaked };
}

describe('integration-login-baseline', () => {
  it('learns logins during the baseline and flags none of them, whatever their source', async () => {
    const { signals, login, syncOnce } = setUp();
    expect((await syncOnce()).sent).toBe(1);
    expect((await login('198.51.100.23')).status).toBe(200);
    expect(signals).toEqual([]);
  });

  it('flags a login from a never-seen address after the baseline, critical outside clinic hours', async () => {
    const { signals, login, syncOnce, at } = setUp();
    await syncOnce();
    await at(BASELINE_MS + 19 * HOUR);
    expect((await login('198.51.100.23')).status).toBe(200);
    expect(signals.map((s) => [s.rule, s.severity])).toEqual([['first-seen-source', 'critical']]);
    expect(signals[0]!.summary).toContain(
      `never-seen address 198.51.100.23 at 03:00 local, outside clinic hours; baseline: ${SYNC_SERVER_IP}`,
    );
  });

  it('rates the same login high in clinic hours, and raises it once per source', async () => {
    const { signals, login, syncOnce, at } = setUp();
    await syncOnce();
    await at(BASELINE_MS + 3 * HOUR);
    await login('198.51.100.23');
    await login('198.51.100.23');
    expect(signals.map((s) => s.severity)).toEqual(['high']);
  });

  it('stays quiet for a login from the integration server it learned', async () => {
    const { signals, login, syncOnce, at } = setUp();
    await syncOnce();
    await at(BASELINE_MS + 19 * HOUR);
    expect((await login(SYNC_SERVER_IP)).status).toBe(200);
    expect(signals).toEqual([]);
  });

  it('on its next scan revokes the sessions and rotates the secret; the sync job logs in with the new one', async () => {
    const { estate, signals, login, syncOnce, at, control, logins, leaked } = setUp();
    await syncOnce();
    await at(BASELINE_MS + 19 * HOUR);
    const stolen = ((await (await login('198.51.100.23')).json()) as { access_token: string }).access_token;
    expect(estate.crmTokenRevoked(stolen)).toBe(false);
    control.onScan!();
    expect(estate.crmTokenRevoked(stolen)).toBe(true);
    expect((await login('198.51.100.23')).status).toBe(400);
    expect(estate.credentials.crm.syncApp.clientSecret).not.toBe(leaked.clientSecret);
    expect((await syncOnce()).sent).toBe(1);
    expect(logins.at(-1)).toMatchObject({ sourceIp: SYNC_SERVER_IP, outcome: 'success' });
    expect(signals).toHaveLength(1);
  });

  it('hears a second day of everyday traffic, sync logins included, without a signal', async () => {
    const { clock, estate, signals, logins } = setUp();
    const agenda = new Agenda();
    scheduleBackground(estate, agenda, {
      from: START,
      until: START + 2 * BASELINE_MS,
      level: 'light',
      seed: 4,
    });
    while (await agenda.runNext(clock, START + 2 * BASELINE_MS));
    const integration = logins.filter((event) => event.actor.type === 'integration');
    expect(integration.some((event) => event.time >= START + BASELINE_MS)).toBe(true);
    expect(signals).toEqual([]);
  });
});
