import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const RESTRICT = '/crm/admin/field-security/restrict';

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-02T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 4, patients: 5 });
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
  const restrict = (body: unknown, token?: string) =>
    estate.fetch(RESTRICT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const readable = () => estate.crm.state.fieldSecurity.canRead('Marketing', 'Lead', 'Birthdate__c');
  return { estate, events, login, restrict, readable };
}

const MARKETING_BIRTHDATE = { profile: 'Marketing', object: 'Lead', field: 'Birthdate__c' };

describe('CRM field-level security console a SOAR calls', () => {
  it('removes a profile’s read access as the responder administrator and records it in the Setup Audit Trail', async () => {
    const { estate, events, login, restrict, readable } = rig();
    const admin = await login(estate.credentials.crm.admin);
    expect(readable()).toBe(true);
    expect(
      (await restrict({ profile: 'Marketing', object: 'lead', field: 'birthdate__c' }, admin)).status,
    ).toBe(204);
    expect(readable()).toBe(false);
    expect(events.find((e) => e.action === 'sf.setup.change')).toMatchObject({
      actor: { type: 'responder', name: estate.credentials.crm.admin.username },
      detail: {
        Section: 'Manage Users',
        Display: 'Removed read access to Lead.Birthdate__c for profile Marketing',
      },
    });
  });

  it('refuses a missing or dead token with 401, and a user without Modify All Data with 403', async () => {
    const { estate, login, restrict, readable } = rig();
    expect((await restrict(MARKETING_BIRTHDATE)).status).toBe(401);
    expect((await restrict(MARKETING_BIRTHDATE, 'not-a-token')).status).toBe(401);
    const marketing = await login(estate.credentials.crm.marketing);
    const refused = await restrict(MARKETING_BIRTHDATE, marketing);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: expect.stringContaining('changing field-level security') });
    expect(readable()).toBe(true);
  });

  it('answers 400 with a reason for a malformed body or an unknown field, and 404 for an unknown profile', async () => {
    const { estate, login, restrict, readable } = rig();
    const admin = await login(estate.credentials.crm.admin);
    const bad = await restrict('profile=Marketing', admin);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringContaining('JSON body') });
    expect((await restrict({ ...MARKETING_BIRTHDATE, extra: true }, admin)).status).toBe(400);
    const unknownField = await restrict({ ...MARKETING_BIRTHDATE, field: 'Diagnosis__c' }, admin);
    expect(unknownField.status).toBe(400);
    expect(await unknownField.json()).toEqual({ error: 'no field Lead.Diagnosis__c in the org' });
    expect((await restrict({ ...MARKETING_BIRTHDATE, profile: 'Sales' }, admin)).status).toBe(404);
    expect(readable()).toBe(true);
  });
});
