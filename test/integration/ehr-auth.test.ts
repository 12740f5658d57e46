import { describe, expect, it } from 'vitest';
import { setupEhr } from './ehr-fixtures.ts';

function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  };
}

describe('EHR token endpoint', () => {
  it('issues a bearer token for client_credentials, granting requested ∩ allowed scopes', async () => {
    const { fetch, ehr, clock } = setupEhr();
    const response = await fetch(
      '/fhir/R4/auth/token',
      tokenRequest({
        grant_type: 'client_credentials',
        client_id: 'crm-sync',
        client_secret: 'sync-secret',
        scope: 'system/Patient.rs system/Patient.d user/*.rs',
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'system/Patient.rs' });
    const issued = ehr.state.tokens.get(body.access_token as string);
    expect(issued).toMatchObject({
      clientId: 'crm-sync',
      scopes: ['system/Patient.rs'],
      issuedAt: clock.now(),
    });
    expect(issued?.expiresAt).toBe(clock.now() + 300_000);
  });

  it('accepts client credentials through HTTP Basic', async () => {
    const { fetch } = setupEhr();
    const basic = Buffer.from('scheduler:sched-secret').toString('base64');
    const response = await fetch(
      '/fhir/R4/auth/token',
      tokenRequest(
        { grant_type: 'client_credentials', scope: 'user/Encounter.rs' },
        { authorization: `Basic ${basic}` },
      ),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { scope: string }).scope).toBe('user/Encounter.rs');
  });

  it.each([
    [
      'a wrong secret',
      { client_id: 'crm-sync', client_secret: 'nope', scope: 'system/*.rs' },
      401,
      'invalid_client',
    ],
    [
      'an unknown client',
      { client_id: 'ghost', client_secret: 'x', scope: 'system/*.rs' },
      401,
      'invalid_client',
    ],
    [
      'another grant type',
      { grant_type: 'password', client_id: 'crm-sync', client_secret: 'sync-secret' },
      400,
      'unsupported_grant_type',
    ],
    ['no scope', { client_id: 'crm-sync', client_secret: 'sync-secret' }, 400, 'invalid_scope'],
    [
      'only scopes beyond the registration',
      { client_id: 'crm-sync', client_secret: 'sync-secret', scope: 'system/*.cruds' },
      400,
      'invalid_scope',
    ],
  ])('refuses %s', async (_label, form, status, error) => {
    const { fetch } = setupEhr();
    const response = await fetch(
      '/fhir/R4/auth/token',
      tokenRequest({ grant_type: 'client_credentials', ...form }),
    );
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe(error);
    expect(body.error_description).toBeTruthy();
  });

  it('refuses Basic and form secrets together, and non-form bodies', async () => {
    const { fetch } = setupEhr();
    const basic = Buffer.from('crm-sync:sync-secret').toString('base64');
    const both = await fetch(
      '/fhir/R4/auth/token',
      tokenRequest(
        { grant_type: 'client_credentials', client_secret: 'sync-secret', scope: 'system/*.rs' },
        { authorization: `Basic ${basic}` },
      ),
    );
    expect(both.status).toBe(400);
    const json = await fetch('/fhir/R4/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
  });

  it('publishes the token endpoint in smart-configuration', async () => {
    const { fetch } = setupEhr();
    const response = await fetch('/fhir/R4/.well-known/smart-configuration');
    expect(await response.json()).toMatchObject({
      token_endpoint: 'https://estate.phi-drill.test/fhir/R4/auth/token',
      grant_types_supported: ['client_credentials'],
    });
  });
});

describe('EHR bearer enforcement', () => {
  it('answers 401 OperationOutcome without, with an unknown, an expired or a revoked token', async () => {
    const { get, token, clock, ehr } = setupEhr();
    const missing = await get('/fhir/R4/Patient/zz-0000001');
    expect(missing.status).toBe(401);
    expect(missing.response.headers.get('www-authenticate')).toContain('Bearer');
    expect(missing.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    expect((await get('/fhir/R4/Patient/zz-0000001', 'forged')).status).toBe(401);

    const expiring = await token();
    expect((await get('/fhir/R4/Patient/zz-0000001', expiring)).status).toBe(200);
    await clock.sleepUntil(clock.now() + 300_000);
    const expired = await get('/fhir/R4/Patient/zz-0000001', expiring);
    expect(expired.status).toBe(401);
    expect(expired.body.issue[0].diagnostics).toContain('expired');

    const revoked = await token();
    expect(ehr.state.revokeToken(revoked)).toBe(true);
    expect(ehr.state.revokeToken('never-issued')).toBe(false);
    const afterRevoke = await get('/fhir/R4/Patient/zz-0000001', revoked);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.issue[0].diagnostics).toContain('revoked');
  });

  it('answers 403 when no scope covers the type or the interaction', async () => {
    const { get, token, fetch } = setupEhr();
    const scheduler = await token('scheduler', 'user/Encounter.read user/Appointment.rs');
    expect((await get('/fhir/R4/Encounter?patient=zz-0000001', scheduler)).status).toBe(200);
    const patient = await get('/fhir/R4/Patient/zz-0000001', scheduler);
    expect(patient.status).toBe(403);
    expect(patient.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });

    const readOnly = await token('crm-sync', 'system/Patient.rs');
    const put = await fetch('/fhir/R4/Patient/zz-0000001', {
      method: 'PUT',
      headers: { authorization: `Bearer ${readOnly}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', id: 'zz-0000001' }),
    });
    expect(put.status).toBe(403);
    const searchOnly = await token('crm-sync', 'system/Patient.s');
    expect((await get('/fhir/R4/Patient/zz-0000001', searchOnly)).status).toBe(403);
    expect((await get('/fhir/R4/Patient?_id=zz-0000001', searchOnly)).status).toBe(200);
  });

  it('honours v2 search narrowing only for searches that carry the narrowed value', async () => {
    const { ehr, fetch, get } = setupEhr();
    ehr.state.addClient({
      clientId: 'narrow',
      clientSecret: 's',
      name: 'Narrow app',
      scopes: ['system/Patient.rs?gender=female'],
      actor: { id: 'svc-narrow', type: 'service' },
    });
    const response = await fetch(
      '/fhir/R4/auth/token',
      tokenRequest({
        grant_type: 'client_credentials',
        client_id: 'narrow',
        client_secret: 's',
        scope: 'system/Patient.rs?gender=female',
      }),
    );
    const bearer = ((await response.json()) as { access_token: string }).access_token;
    expect((await get('/fhir/R4/Patient?gender=female', bearer)).status).toBe(200);
    expect((await get('/fhir/R4/Patient?gender=male', bearer)).status).toBe(403);
    expect((await get('/fhir/R4/Patient/zz-0000001', bearer)).status).toBe(403);
  });
});
