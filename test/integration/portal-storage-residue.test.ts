import { describe, expect, it } from 'vitest';
import { clientStorageMonitor } from '../../src/controls/client-storage-monitor.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { portalSignIn } from '../../src/estate/portal/browser.ts';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { observedEstate } from '../support/observed-estate.ts';

const BASE = 'https://estate.example.test';
const DEVICE = { 'x-forwarded-for': '10.99.0.252', 'user-agent': 'SharedTablet/1.0' };

async function setUp() {
  const { clock, bus, events, estate } = observedEstate({
    seed: 8,
    patients: 30,
    at: '2026-03-03T15:00:00Z',
  });
  estate.portal.state.config.localStoragePhi = true;
  const signals: SignalInput[] = [];
  const monitor = clientStorageMonitor.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => monitor.onEvent!(event));
  const cookie = await portalSignIn(estate.fetch, DEVICE, estate.credentials.portal.loginFor(4));
  const beacon = (body: string) =>
    estate.fetch(`${BASE}/portal/client-events`, {
      method: 'POST',
      headers: { ...DEVICE, cookie: cookie!, 'content-type': 'text/plain;charset=UTF-8' },
      body,
    });
  const loginPage = () => estate.fetch(`${BASE}/portal/login`, { headers: DEVICE });
  return { estate, events, signals, beacon, loginPage };
}

describe('portal client error beacon and client-storage-monitor', () => {
  it('flags a profile cached for another patient, naming that patient, then clears devices on their next load', async () => {
    const { estate, events, signals, beacon, loginPage } = await setUp();
    expect((await loginPage()).headers.get('clear-site-data')).toBeNull();
    const earlier = estate.population.patient(3).id;
    const answer = await beacon(JSON.stringify({ type: 'stale-profile', cachedPatient: earlier }));
    expect(answer.status).toBe(204);
    expect(signals.map((signal) => [signal.rule, signal.severity, signal.patientIds])).toEqual([
      ['stale-profile-on-device', 'high', [earlier]],
    ]);
    expect(events.find((e) => e.action === 'portal.client.stale-profile')?.detail).toEqual({
      cachedPatient: earlier,
    });
    expect(estate.portal.state.config).toMatchObject({ clearSiteData: true, localStoragePhi: false });
    expect((await loginPage()).headers.get('clear-site-data')).toBe('"storage"');
    await beacon(JSON.stringify({ type: 'stale-profile', cachedPatient: earlier }));
    expect(signals).toHaveLength(1);
  });

  it('refuses beacons it cannot read or that name no patient, and raises nothing', async () => {
    const { signals, beacon, estate } = await setUp();
    for (const body of [
      'not json',
      JSON.stringify({ type: 'stale-profile' }),
      JSON.stringify({ type: 'other', cachedPatient: estate.population.patient(3).id }),
      JSON.stringify({ type: 'stale-profile', cachedPatient: 'zz-9999999' }),
      JSON.stringify({ type: 'stale-profile', cachedPatient: estate.population.patient(3).id, extra: 1 }),
    ]) {
      expect((await beacon(body)).status, body).toBe(400);
    }
    expect(signals).toEqual([]);
    expect(estate.portal.state.config.clearSiteData).toBe(false);
  });

  it('lets the responder administrator push Clear-Site-Data through the console, and no one else', async () => {
    const { estate, events } = await setUp();
    const post = (token?: string) =>
      callConsole(estate, 'POST', `${BASE}/portal/admin/clear-site-data`, token);
    expect((await post()).status).toBe(401);
    expect(estate.portal.state.config.clearSiteData).toBe(false);
    const { admin } = estate.credentials.crm;
    expect((await post(await crmToken(estate, admin))).status).toBe(204);
    expect(estate.portal.state.config).toMatchObject({ clearSiteData: true, localStoragePhi: false });
    expect(events.find((e) => e.action === 'portal.storage.clear-site-data')?.actor).toEqual({
      id: admin.username,
      type: 'responder',
    });
  });
});
