import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const BASE = 'https://estate.example.test';

/** An estate with a device holding the CRM app's offline store. */
function withDevice() {
  const clock = new VirtualClock(Date.parse('2026-03-02T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 6, patients: 5 });
  const device = [...estate.mdm.devices.values()][0]!;
  estate.mdm.offlineSync(device.id, [estate.population.patient(1).id]);
  const token = async (user: { username: string; password: string }) => {
    const { consoleApp } = estate.credentials.crm;
    const response = await estate.fetch(`${BASE}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: consoleApp.clientId,
        client_secret: consoleApp.clientSecret,
        username: user.username,
        password: user.password,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const wipe = (id: string, bearer?: string) =>
    estate.fetch(`${BASE}/mdm/admin/devices/${id}/wipe`, {
      method: 'POST',
      headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
    });
  return { estate, events, device, token, wipe };
}

describe('MDM administrator console: the remote wipe a SOAR sends', () => {
  it('queues a wipe as the responder administrator; the device carries it out at its next check-in', async () => {
    const rig = withDevice();
    const admin = await rig.token(rig.estate.credentials.crm.admin);
    const answer = await rig.wipe(rig.device.id, admin);
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ id: rig.device.id, actionName: 'wipe', actionState: 'pending' });
    expect(rig.estate.mdm.wiped(rig.device.id)).toBe(false);
    rig.estate.mdm.checkIn(rig.device.id);
    expect(rig.estate.mdm.wiped(rig.device.id)).toBe(true);
    const actions = rig.events.filter((event) => event.action === 'mdm.device.action');
    expect(actions.map((event) => [event.actor.id, event.detail?.actionState])).toEqual([
      [rig.estate.credentials.crm.admin.username, 'pending'],
      [rig.device.userPrincipalName, 'done'],
    ]);
  });

  it('refuses a missing or dead token (401) and a user without Manage Users (403); nothing is queued', async () => {
    const rig = withDevice();
    expect((await rig.wipe(rig.device.id)).status).toBe(401);
    expect((await rig.wipe(rig.device.id, 'not-a-token')).status).toBe(401);
    const desk = await rig.token(rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.wipe(rig.device.id, desk)).status).toBe(403);
    expect(rig.device.deviceActionResults).toEqual([]);
  });

  it('answers an id that is not a GUID with 400 and an unknown device with 404', async () => {
    const rig = withDevice();
    const admin = await rig.token(rig.estate.credentials.crm.admin);
    const bad = await rig.wipe('nurse-phone', admin);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(
      "'nurse-phone' is not a managed device id (a GUID)",
    );
    const unknown = await rig.wipe('00000000-0000-4000-8000-000000000099', admin);
    expect(unknown.status).toBe(404);
    expect(rig.device.deviceActionResults).toEqual([]);
  });
});
