import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ESTATE_ORIGIN } from '../../src/estate/dispatch.ts';
import { crmFixture, START } from './crm-fixture.ts';

type Fixture = ReturnType<typeof crmFixture>;

function tokenRequest(f: Fixture, params: Record<string, string>) {
  return f.fetch('/services/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(privateKey: string, claims: Record<string, unknown>, alg = 'RS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), privateKey).toString('base64url')}`;
}

function keyPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

describe('CRM OAuth token endpoint', () => {
  it('issues a password-grant token with the documented response fields', async () => {
    const f = crmFixture(0);
    const body = await f.login('sync@clinic.example.org', 'sync-pass-1');
    expect(Object.keys(body).sort()).toEqual(
      [
        'access_token',
        'id',
        'instance_url',
        'issued_at',
        'refresh_token',
        'scope',
        'signature',
        'token_type',
      ].sort(),
    );
    expect(body.token_type).toBe('Bearer');
    expect(body.instance_url).toBe(ESTATE_ORIGIN);
    expect(body.issued_at).toBe(String(START));
    expect(body.id).toBe(`${ESTATE_ORIGIN}/id/${f.state.orgId}/${f.integration.id}`);
    expect(body.scope).toBe('api refresh_token id');
    const expected = createHmac('sha256', 'sync-secret')
      .update(body.id! + body.issued_at!)
      .digest('base64');
    expect(body.signature).toBe(expected);
    expect(f.state.tokens.get(body.access_token!)).toMatchObject({
      userId: f.integration.id,
      clientId: f.app.clientId,
      sessionLevel: 'STANDARD',
      refreshToken: body.refresh_token,
    });
  });

  it('grants only requested scopes the app has, and no refresh token without refresh_token scope', async () => {
    const f = crmFixture(0);
    const body = await f.login('sync@clinic.example.org', 'sync-pass-1', { scope: 'api web' });
    expect(body.scope).toBe('api');
    expect(body.refresh_token).toBeUndefined();
  });

  it.each([
    [{ password: 'wrong' }, 'invalid_grant'],
    [{ username: 'nobody@clinic.example.org' }, 'invalid_grant'],
    [{ client_id: 'unknown-client' }, 'invalid_client_id'],
    [{ client_secret: 'wrong' }, 'invalid_client'],
    [{ grant_type: 'authorization_code' }, 'unsupported_grant_type'],
  ])('rejects %j with %s', async (override, error) => {
    const f = crmFixture(0);
    const response = await tokenRequest(f, {
      grant_type: 'password',
      client_id: f.app.clientId,
      client_secret: 'sync-secret',
      username: 'sync@clinic.example.org',
      password: 'sync-pass-1',
      ...override,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error, error_description: expect.any(String) });
    expect(f.events.at(-1)).toMatchObject({ action: 'oauth.token', outcome: 'failure', status: 400 });
  });

  it('records Login event-log rows for good and bad passwords', async () => {
    const f = crmFixture(0);
    await f.login('sync@clinic.example.org', 'sync-pass-1');
    await tokenRequest(f, {
      grant_type: 'password',
      client_id: f.app.clientId,
      client_secret: 'sync-secret',
      username: 'desk@clinic.example.org',
      password: 'guess',
    });
    const logins = f.state.eventLog.filter((r) => r.eventType === 'Login');
    expect(logins.map((r) => [r.fields.USER_NAME, r.fields.LOGIN_STATUS, r.fields.REQUEST_STATUS])).toEqual([
      ['sync@clinic.example.org', 'LOGIN_NO_ERROR', 'S'],
      ['desk@clinic.example.org', 'LOGIN_ERROR_INVALID_PASSWORD', 'F'],
    ]);
    expect(logins[0]!.fields).toMatchObject({
      LOGIN_TYPE: 'i',
      USER_ID: f.integration.id.slice(0, 15),
      USER_ID_DERIVED: f.integration.id,
      TIMESTAMP: '20260302140000.000',
      TIMESTAMP_DERIVED: '2026-03-02T14:00:00.000Z',
    });
    expect(logins[0]!.fields.SESSION_KEY).toBeUndefined();
  });

  it('emits oauth.token telemetry with the app, scopes and a session key that is not the token', async () => {
    const f = crmFixture(0);
    const body = await f.login('sync@clinic.example.org', 'sync-pass-1');
    const event = f.events.find((e) => e.action === 'oauth.token')!;
    expect(event).toMatchObject({
      system: 'crm',
      actor: { id: f.integration.id, type: 'integration' },
      clientApp: 'EHR Sync',
      outcome: 'success',
      scopes: ['api', 'refresh_token', 'id'],
    });
    expect(event.session).toBe(f.state.tokens.get(body.access_token!)!.sessionKey);
    expect(JSON.stringify(event)).not.toContain(body.access_token!);
  });

  it('runs client_credentials as the app run-as user, without a refresh token', async () => {
    const f = crmFixture(0);
    const response = await tokenRequest(f, {
      grant_type: 'client_credentials',
      client_id: f.app.clientId,
      client_secret: 'sync-secret',
    });
    const body = (await response.json()) as Record<string, string>;
    expect(body.id).toBe(`${ESTATE_ORIGIN}/id/${f.state.orgId}/${f.integration.id}`);
    expect(body.refresh_token).toBeUndefined();
    const portal = f.state.addConnectedApp({
      name: 'No run-as',
      clientId: 'no-run-as',
      clientSecret: 's',
      scopes: ['api'],
      thirdParty: true,
    });
    const refused = await tokenRequest(f, {
      grant_type: 'client_credentials',
      client_id: portal.clientId,
      client_secret: 's',
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('exchanges a refresh token, and refuses it once revoked', async () => {
    const f = crmFixture(0);
    const first = await f.login('sync@clinic.example.org', 'sync-pass-1');
    const refreshed = await tokenRequest(f, {
      grant_type: 'refresh_token',
      client_id: f.app.clientId,
      client_secret: 'sync-secret',
      refresh_token: first.refresh_token!,
    });
    const body = (await refreshed.json()) as Record<string, string>;
    expect(refreshed.status).toBe(200);
    expect(body.access_token).not.toBe(first.access_token);
    expect((await f.api('sobjects', body.access_token!)).status).toBe(200);
    expect(f.state.revokeToken(first.refresh_token!)).toBe(true);
    expect((await f.api('sobjects', body.access_token!)).status).toBe(401);
    const again = await tokenRequest(f, {
      grant_type: 'refresh_token',
      client_id: f.app.clientId,
      refresh_token: first.refresh_token!,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  describe('JWT bearer', () => {
    const keys = keyPair();
    const other = keyPair();

    function withJwtApp() {
      const f = crmFixture(0);
      f.state.addConnectedApp({
        name: 'Analytics Connector',
        clientId: 'jwt-client',
        clientSecret: 'unused',
        scopes: ['api', 'refresh_token'],
        thirdParty: true,
        jwtPublicKeyPem: keys.publicKey,
      });
      return f;
    }

    const claims = (overrides: Record<string, unknown> = {}) => ({
      iss: 'jwt-client',
      sub: 'desk@clinic.example.org',
      aud: 'https://login.salesforce.com',
      exp: START / 1000 + 180,
      ...overrides,
    });

    const assert = (f: Fixture, assertion: string) =>
      tokenRequest(f, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });

    it('accepts a valid RS256 assertion and answers with the short response, no refresh token', async () => {
      const f = withJwtApp();
      const response = await assert(f, jwt(keys.privateKey, claims()));
      const body = (await response.json()) as Record<string, string>;
      expect(response.status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'scope', 'token_type']);
      expect(body.id).toContain(f.frontDesk.id);
    });

    it('accepts this login host as the audience', async () => {
      const f = withJwtApp();
      expect((await assert(f, jwt(keys.privateKey, claims({ aud: ESTATE_ORIGIN })))).status).toBe(200);
    });

    it.each([
      [
        'an expired assertion',
        () => jwt(keys.privateKey, claims({ exp: START / 1000 - 1 })),
        'invalid_grant',
      ],
      [
        'a foreign audience',
        () => jwt(keys.privateKey, claims({ aud: 'https://evil.example' })),
        'invalid_grant',
      ],
      ['a signature by another key', () => jwt(other.privateKey, claims()), 'invalid_grant'],
      ['a non-RS256 algorithm', () => jwt(keys.privateKey, claims(), 'HS256'), 'invalid_grant'],
      [
        'an unknown user',
        () => jwt(keys.privateKey, claims({ sub: 'ghost@clinic.example.org' })),
        'invalid_grant',
      ],
      ['an unknown issuer', () => jwt(keys.privateKey, claims({ iss: 'nobody' })), 'invalid_client_id'],
      ['garbage', () => 'not-a-jwt', 'invalid_grant'],
    ])('rejects %s', async (_name, build, error) => {
      const f = withJwtApp();
      const response = await assert(f, build());
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error });
    });
  });
});

describe('CRM OAuth sessions', () => {
  it('revokes a token over the revoke endpoint; the REST API then answers 401 INVALID_SESSION_ID', async () => {
    const f = crmFixture(0);
    const { access_token: token, refresh_token: refresh } = await f.login(
      'sync@clinic.example.org',
      'sync-pass-1',
    );
    expect((await f.api('sobjects', token!)).status).toBe(200);
    const revoked = await f.fetch('/services/oauth2/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: token! }),
    });
    expect(revoked.status).toBe(200);
    const after = await f.api('sobjects', token!);
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    expect(f.state.auth.refreshTokens.get(refresh!)?.revokedAt).toBe(START);
    expect(f.events.find((e) => e.action === 'oauth.revoke')).toMatchObject({
      actor: { id: f.integration.id },
    });
  });

  it('reports revoking an unknown token as an error', async () => {
    const f = crmFixture(0);
    const response = await f.fetch('/services/oauth2/revoke', {
      method: 'POST',
      body: new URLSearchParams({ token: 'nope' }),
    });
    expect(response.status).toBe(400);
  });

  it('lets a responder revoke in-process, with responder telemetry', async () => {
    const f = crmFixture(0);
    const { access_token: token } = await f.login('desk@clinic.example.org', 'desk-pass-1');
    expect(f.state.revokeToken(token!)).toBe(true);
    expect(f.state.revokeToken('unknown')).toBe(false);
    expect((await f.api('sobjects', token!)).status).toBe(401);
    expect(f.events.filter((e) => e.action === 'oauth.revoke').map((e) => e.actor.type)).toEqual([
      'responder',
    ]);
  });

  it('expires a session after the idle timeout, not before', async () => {
    const f = crmFixture(0);
    const { access_token: token } = await f.login('desk@clinic.example.org', 'desk-pass-1');
    await f.clock.sleepUntil(START + 90 * 60_000);
    expect((await f.api('sobjects', token!)).status).toBe(200);
    await f.clock.sleepUntil(START + 90 * 60_000 + f.state.config.sessionTimeoutMs + 1);
    expect((await f.api('sobjects', token!)).status).toBe(401);
  });

  it('answers 401 without a token and 403 for a token lacking the api scope', async () => {
    const f = crmFixture(0);
    const missing = await f.fetch('/services/data/v66.0/sobjects');
    expect(missing.status).toBe(401);
    const { access_token: idOnly } = await f.login('sync@clinic.example.org', 'sync-pass-1', { scope: 'id' });
    const denied = await f.api('sobjects', idOnly!);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject([{ errorCode: 'INSUFFICIENT_ACCESS' }]);
  });

  it('serves userinfo and the identity URL for a valid token only', async () => {
    const f = crmFixture(0);
    const body = await f.login('sync@clinic.example.org', 'sync-pass-1');
    const headers = { authorization: `Bearer ${body.access_token}` };
    const info = await f.fetch('/services/oauth2/userinfo', { headers });
    expect(await info.json()).toMatchObject({ user_id: f.integration.id, organization_id: f.state.orgId });
    const identity = await f.fetch(body.id!, { headers });
    expect(await identity.json()).toMatchObject({ username: 'sync@clinic.example.org', id: body.id });
    const anonymous = await f.fetch('/services/oauth2/userinfo');
    expect(anonymous.status).toBe(401);
  });

  it('publishes OpenID discovery with this origin', async () => {
    const f = crmFixture(0);
    const config = (await (await f.fetch('/.well-known/openid-configuration')).json()) as Record<
      string,
      unknown
    >;
    expect(config.token_endpoint).toBe(`${ESTATE_ORIGIN}/services/oauth2/token`);
    expect(config.grant_types_supported).toContain('urn:ietf:params:oauth:grant-type:jwt-bearer');
  });
});
