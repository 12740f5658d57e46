import { describe, expect, it } from 'vitest';
import { revokeClientGrants } from '../../src/estate/ehr/refresh.ts';
import { setupEhr } from './ehr-fixtures.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface TokenBody {
  access_token?: string;
  refresh_token?: string;
  scope?: string;
  error?: string;
}

async function rig() {
  const ehr = setupEhr();
  ehr.ehr.state.clients.get('scheduler')!.scopes.push('offline_access');
  const post = async (form: Record<string, string>) => {
    const response = await ehr.fetch('/fhir/R4/auth/token', {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams(form),
    });
    return { status: response.status, body: (await response.json()) as TokenBody };
  };
  const scheduler = { client_id: 'scheduler', client_secret: 'sched-secret' };
  return { ...ehr, post, scheduler };
}

describe('EHR offline_access and the refresh_token grant', () => {
  it('issues a refresh token only when offline_access is granted', async () => {
    const { post, scheduler } = await rig();
    const online = await post({ ...scheduler, grant_type: 'client_credentials', scope: 'user/Encounter.rs' });
    expect(online.body.refresh_token).toBeUndefined();
    const offline = await post({
      ...scheduler,
      grant_type: 'client_credentials',
      scope: 'user/Encounter.rs offline_access',
    });
    expect(offline.body).toMatchObject({ scope: 'user/Encounter.rs offline_access' });
    expect(offline.body.refresh_token).toMatch(/^rt_/);
  });

  it('mints new access tokens within the original grant from the refresh token, for its own client only', async () => {
    const { post, scheduler, get, clock } = await rig();
    const first = await post({
      ...scheduler,
      grant_type: 'client_credentials',
      scope: 'user/Encounter.rs offline_access',
    });
    await clock.sleepUntil(clock.now() + 600_000);
    expect((await get('/fhir/R4/Encounter/enc-1', first.body.access_token)).status).toBe(401);
    const renewed = await post({
      ...scheduler,
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.refresh_token).toBeUndefined();
    expect((await get('/fhir/R4/Encounter/enc-1', renewed.body.access_token)).status).toBe(200);
    const wider = await post({
      ...scheduler,
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
      scope: 'user/Appointment.rs',
    });
    expect(wider.body.error).toBe('invalid_scope');
    const stolen = await post({
      client_id: 'crm-sync',
      client_secret: 'sync-secret',
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
    });
    expect(stolen).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('revoking a client revokes its refresh tokens too, so it cannot mint another access token', async () => {
    const { post, scheduler, get, ehr, clock } = await rig();
    const first = await post({
      ...scheduler,
      grant_type: 'client_credentials',
      scope: 'user/Encounter.rs offline_access',
    });
    expect(revokeClientGrants(ehr.state, 'scheduler', clock.now())).toBe(2);
    expect((await get('/fhir/R4/Encounter/enc-1', first.body.access_token)).status).toBe(401);
    const renewed = await post({
      ...scheduler,
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
    });
    expect(renewed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});
