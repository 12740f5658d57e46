import { describe, expect, it } from 'vitest';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { observedEstate } from '../support/observed-estate.ts';

const BASE = 'https://estate.example.test';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** An estate where a clinician holds a break-glass override and the reminders app an offline grant. */
async function heldTokens() {
  const { events, estate } = observedEstate({ seed: 7, patients: 5 });
  const { state } = estate.ehr;
  Object.assign(state.config.breakGlass, { requireMfa: false, requireJustification: false });
  const ehrToken = async (client: { clientId: string; clientSecret: string }, scope: string) => {
    const response = await estate.fetch(`${BASE}/fhir/R4/auth/token`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope,
      }),
    });
    return (await response.json()) as { access_token: string; refresh_token?: string };
  };
  const clinician = estate.credentials.ehr.clinicians[0]!;
  const ordinary = await ehrToken(clinician, 'user/Patient.rs');
  const override = await estate.fetch(`${BASE}/fhir/R4/$break-glass`, {
    method: 'POST',
    headers: { ...FORM, authorization: `Bearer ${ordinary.access_token}` },
    body: new URLSearchParams({ reason: '' }),
  });
  const { access_token: elevated } = (await override.json()) as { access_token: string };
  // What a SOAR reads from the audit stream: the elevated session handle.
  const session = events.find((e) => e.action.includes('break-glass') && e.session)!.session!;
  const reminders = estate.credentials.ehr.reminders;
  const client = state.clients.get(reminders.clientId)!;
  client.scopes.push('offline_access');
  const grant = await ehrToken(reminders, `${client.scopes[0]} offline_access`);
  const smartRevoked = () =>
    state.refreshTokens.get(grant.refresh_token!)?.revokedAt !== undefined &&
    state.tokens.get(grant.access_token)?.revokedAt !== undefined;
  const overrideRevoked = () => state.tokens.get(elevated)?.revokedAt !== undefined;
  const post = (path: string, token?: string) =>
    callConsole(estate, 'POST', `${BASE}/ehr/admin${path}`, token);
  return { estate, session, reminders, smartRevoked, overrideRevoked, post };
}

describe('EHR security administration: revocations a SOAR calls', () => {
  it('revokes the break-glass override by its session handle and every token of the SMART app', async () => {
    const rig = await heldTokens();
    expect(rig.overrideRevoked()).toBe(false);
    expect(rig.smartRevoked()).toBe(false);
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    expect((await rig.post(`/break-glass/${rig.session}/revoke`, admin)).status).toBe(204);
    expect(rig.overrideRevoked()).toBe(true);
    expect((await rig.post(`/break-glass/${rig.session}/revoke`, admin)).status).toBe(404);
    const revoked = await rig.post(`/clients/${rig.reminders.clientId}/revoke`, admin);
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revoked: number }).revoked).toBeGreaterThanOrEqual(2);
    expect(rig.smartRevoked()).toBe(true);
  });

  it('refuses a missing or dead token (401), a user without Manage Users (403), an unknown client (404)', async () => {
    const rig = await heldTokens();
    for (const path of [`/break-glass/${rig.session}/revoke`, `/clients/${rig.reminders.clientId}/revoke`]) {
      expect((await rig.post(path)).status).toBe(401);
      expect((await rig.post(path, 'not-a-token')).status).toBe(401);
    }
    const desk = await crmToken(rig.estate, rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.post(`/break-glass/${rig.session}/revoke`, desk)).status).toBe(403);
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    expect((await rig.post('/clients/no-such-client/revoke', admin)).status).toBe(404);
    expect(rig.overrideRevoked()).toBe(false);
    expect(rig.smartRevoked()).toBe(false);
  });
});
