import { describe, expect, it } from 'vitest';
import { unmaskedSandbox } from '../../src/inject/unmasked-sandbox.ts';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { injectContext, observedEstate } from '../support/observed-estate.ts';

const BASE = 'https://estate.example.test';

function form(body: Record<string, string>) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  };
}

function sandboxEstate() {
  const { clock, events, estate } = observedEstate({ seed: 4, patients: 8 });
  const suspend = (name: string, token?: string) =>
    callConsole(estate, 'POST', `${BASE}/sandbox/admin/${name}/suspend`, token);
  const contractor = estate.sandboxes.users.find((user) => user.type === 'engineer')!;
  const sandboxLogin = () =>
    estate.fetch(
      `${BASE}/sandbox/uat/services/oauth2/token`,
      form({ grant_type: 'password', username: contractor.username, password: contractor.password }),
    );
  return { clock, estate, events, suspend, sandboxLogin };
}

describe('sandbox console: access suspension a SOAR calls', () => {
  it('suspends a sandbox as the responder administrator: sessions end and sign-ins are refused', async () => {
    const rig = sandboxEstate();
    const signedIn = await rig.sandboxLogin();
    const { access_token: token } = (await signedIn.json()) as { access_token: string };
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const response = await rig.suspend('uat', admin);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sandbox: 'uat', accessSuspended: true, changed: true });
    expect(rig.estate.sandboxes.get('uat')!.accessSuspended).toBe(true);
    expect(rig.events.find((e) => e.action === 'sandbox.access.suspend')).toMatchObject({
      actor: { type: 'responder' },
      detail: { SandboxName: 'uat' },
    });
    const query = await rig.estate.fetch(
      `${BASE}/sandbox/uat/services/data/v66.0/query?q=SELECT+Id+FROM+Account`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(query.status).toBe(401);
    expect((await rig.sandboxLogin()).status).toBe(400);
    expect(rig.estate.sandboxes.get('dev')!.accessSuspended).toBe(false);
  });

  it('refuses without a token (401), for a user without Manage Users (403) and for an unknown sandbox (404)', async () => {
    const rig = sandboxEstate();
    const anonymous = await rig.suspend('uat');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const desk = await crmToken(rig.estate, rig.estate.credentials.crm.frontDesk[0]!);
    const forbidden = await rig.suspend('uat', desk);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({
      error: 'suspending sandbox access requires the Manage Users permission',
    });
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const missing = await rig.suspend('staging', admin);
    expect(missing.status).toBe(404);
    expect(rig.estate.sandboxes.get('uat')!.accessSuspended).toBe(false);
  });

  it('the sandbox API refuses a wrong password (400 invalid_grant) and a malformed query (400 MALFORMED_QUERY)', async () => {
    const rig = sandboxEstate();
    const wrong = await rig.estate.fetch(
      `${BASE}/sandbox/uat/services/oauth2/token`,
      form({ grant_type: 'password', username: 'dev1@contractor.example.com', password: 'guess' }),
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const { access_token: token } = (await (await rig.sandboxLogin()).json()) as { access_token: string };
    const bad = await rig.estate.fetch(`${BASE}/sandbox/uat/services/data/v66.0/query?q=SELEKT`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject([{ errorCode: 'MALFORMED_QUERY' }]);
  });
});

describe('unmasked-sandbox inject', () => {
  it('leaves production PHI in the sandbox, and its revert puts the masked copy back', async () => {
    const rig = sandboxEstate();
    const masked = JSON.stringify(rig.estate.sandboxes.get('uat')!.accounts);
    const patient = rig.estate.population.patient(0);
    expect(masked).not.toContain(patient.mrn);
    const applied = await unmaskedSandbox.apply(
      injectContext(rig.estate, rig.clock, { injectId: 'refresh', correlationId: 'drill-1' }),
      unmaskedSandbox.params.parse({}),
    );
    expect(JSON.stringify(rig.estate.sandboxes.get('uat')!.accounts)).toContain(patient.mrn);
    expect(rig.events.filter((e) => e.action.startsWith('sandbox.')).map((e) => e.action)).toEqual([
      'sandbox.refresh',
    ]);
    expect(applied.probes['sandbox-access-suspended']!()).toBe(false);
    await applied.revert();
    expect(JSON.stringify(rig.estate.sandboxes.get('uat')!.accounts)).toBe(masked);
  });
});
