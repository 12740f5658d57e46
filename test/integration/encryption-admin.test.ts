import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-02T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 4, patients: 5 });
  estate.crm.encryption.setField('Account', 'SSN__c', false, { actor: { id: 'someone', type: 'admin' } });
  const login = async (user: { username: string; password: string }) => {
    const { consoleApp } = estate.credentials.crm;
    const response = await estate.fetch('/services/oauth2/token', {
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
  const change = (body: unknown, token?: string) =>
    estate.fetch('/crm/admin/encryption/fields', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const encrypted = () => estate.crm.encryption.isEncrypted('Account', 'SSN__c');
  return { estate, events, login, change, encrypted };
}

const SSN_ON = { field: 'Account.SSN__c', encrypted: true };

describe('CRM encryption-policy console a SOAR calls', () => {
  it('puts a field back under encryption as the responder administrator, recorded in the Setup Audit Trail', async () => {
    const { estate, events, login, change, encrypted } = rig();
    expect(encrypted()).toBe(false);
    expect((await change(SSN_ON, await login(estate.credentials.crm.admin))).status).toBe(204);
    expect(encrypted()).toBe(true);
    expect(events.filter((e) => e.action === 'sf.setup.change').at(-1)).toMatchObject({
      actor: { type: 'responder', name: estate.credentials.crm.admin.username },
      detail: {
        Action: 'encryptionPolicyFieldEnabled',
        Section: 'Platform Encryption',
        Display: 'Enabled encryption for field Account.SSN__c',
      },
    });
  });

  it('refuses a missing token with 401 and a user without Modify All Data with 403', async () => {
    const { estate, login, change, encrypted } = rig();
    expect((await change(SSN_ON)).status).toBe(401);
    const refused = await change(SSN_ON, await login(estate.credentials.crm.frontDesk[0]!));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: expect.stringContaining('changing the encryption policy'),
    });
    expect(encrypted()).toBe(false);
  });

  it('answers 400 with a reason for a malformed body or an unknown field', async () => {
    const { estate, login, change, encrypted } = rig();
    const admin = await login(estate.credentials.crm.admin);
    const malformed = await change({ field: 'SSN__c', encrypted: true }, admin);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: expect.stringContaining('"Object.Field"') });
    expect((await change({ ...SSN_ON, encrypted: 'yes' }, admin)).status).toBe(400);
    const unknown = await change({ field: 'Account.Genome__c', encrypted: true }, admin);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'no field Account.Genome__c in the org' });
    expect(encrypted()).toBe(false);
  });
});
