import { describe, expect, it } from 'vitest';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { observedEstate } from '../support/observed-estate.ts';

const BASE = 'https://estate.example.test';

/** An estate with a device holding the CRM app's offline store. */
function withDevice() {
  const { events, estate } = observedEstate({ seed: 6, patients: 5 });
  const device = [...estate.mdm.devices.values()][0]!;
  estate.mdm.offlineSync(device.id, [estate.population.patient(1).id]);
  const wipe = (id: string, token?: string) =>
    callConsole(estate, 'POST', `${BASE}/mdm/admin/devices/${id}/wipe`, token);
  return { estate, events, device, wipe };
}

describe('MDM administrator console: the remote wipe a SOAR sends', () => {
  it('queues a wipe as the responder administrator; the device carries it out at its next check-in', async () => {
    const rig = withDevice();
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
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
    const desk = await crmToken(rig.estate, rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.wipe(rig.device.id, desk)).status).toBe(403);
    expect(rig.device.deviceActionResults).toEqual([]);
  });

  it('answers an id that is not a GUID with 400 and an unknown device with 404', async () => {
    const rig = withDevice();
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
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
