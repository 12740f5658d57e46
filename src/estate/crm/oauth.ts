import { createHmac } from 'node:crypto';
import { type HttpHandler, http } from 'msw';
import { LOGIN_STATUS, userAgentCode } from '../../telemetry/event-log-schema.ts';
import { type Caller, callerOf } from '../caller.ts';
import type { ConnectedApp, CrmUser, TokenGrant } from './auth.ts';
import { OAuthError } from './errors.ts';
import { verifyAssertion } from './oauth-jwt.ts';
import type { CrmState } from './state.ts';
import { emitCrmEvent } from './telemetry.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

interface Attempt {
  grantType: string;
  username?: string;
  user?: CrmUser;
  app?: ConnectedApp;
  grant?: TokenGrant;
  loginStatus?: string;
}

/** `POST /services/oauth2/token`: password, client_credentials, refresh_token and JWT-bearer grants. */
export function tokenHandler(state: CrmState): HttpHandler {
  return http.post('*/services/oauth2/token', async ({ request }) => {
    const caller = callerOf(request);
    const origin = new URL(request.url).origin;
    const form = new URLSearchParams(await request.text());
    const attempt: Attempt = { grantType: form.get('grant_type') ?? '' };
    let response: Response;
    try {
      const body = grant(state, form, origin, attempt);
      response = Response.json(body);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      response = Response.json(
        { error: error.error, error_description: error.description },
        { status: error.status },
      );
    }
    record(state, request, caller, attempt, response.status);
    return response;
  });
}

function grant(
  state: CrmState,
  form: URLSearchParams,
  origin: string,
  attempt: Attempt,
): Record<string, string> {
  const requested = form.get('scope')?.split(/\s+/).filter(Boolean);
  switch (attempt.grantType) {
    case 'password': {
      const app = clientOf(state, form, attempt);
      attempt.username = form.get('username') ?? '';
      const user = state.auth.userByName(attempt.username);
      attempt.user = user;
      if (!user?.password || user.password !== form.get('password')) {
        attempt.loginStatus = LOGIN_STATUS.badPassword;
        throw new OAuthError('invalid_grant', 'authentication failure');
      }
      return issue(state, origin, attempt, user, app, grantedScopes(app.scopes, requested), true);
    }
    case 'client_credentials': {
      const app = clientOf(state, form, attempt);
      const user = app.runAsUsername ? state.auth.userByName(app.runAsUsername) : undefined;
      if (!user) throw new OAuthError('invalid_grant', 'no client credentials user enabled');
      attempt.user = user;
      return issue(state, origin, attempt, user, app, grantedScopes(app.scopes, requested), false);
    }
    case 'refresh_token':
      return refresh(state, form, origin, attempt, requested);
    case JWT_BEARER: {
      const { app, claims } = verifyAssertion(form.get('assertion') ?? '', {
        findApp: (clientId) => state.auth.appByClientId(clientId),
        loginUrl: origin,
        now: state.ctx.clock.now(),
      });
      attempt.app = app;
      attempt.username = claims.sub;
      const user = state.auth.userByName(claims.sub);
      attempt.user = user;
      if (!user) throw new OAuthError('invalid_grant', 'invalid assertion: unknown user');
      const body = issue(state, origin, attempt, user, app, grantedScopes(app.scopes, requested), false);
      // The JWT-bearer response is the documented short form: no signature, no issued_at.
      const { access_token, scope, instance_url, id, token_type } = body;
      return {
        access_token: access_token!,
        scope: scope!,
        instance_url: instance_url!,
        id: id!,
        token_type: token_type!,
      };
    }
    default:
      throw new OAuthError('unsupported_grant_type', 'grant type not supported');
  }
}

function refresh(
  state: CrmState,
  form: URLSearchParams,
  origin: string,
  attempt: Attempt,
  requested: string[] | undefined,
): Record<string, string> {
  const app = state.auth.appByClientId(form.get('client_id') ?? '');
  if (!app) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  attempt.app = app;
  const secret = form.get('client_secret');
  if (secret !== null && secret !== app.clientSecret)
    throw new OAuthError('invalid_client', 'invalid client credentials');
  const token = form.get('refresh_token') ?? '';
  const stored = state.auth.refreshTokens.get(token);
  const user = stored && state.auth.users.get(stored.userId);
  attempt.user = user;
  if (!stored || !user || stored.revokedAt !== undefined || stored.clientId !== app.clientId) {
    if (user) attempt.loginStatus = LOGIN_STATUS.badRefreshToken;
    throw new OAuthError('invalid_grant', 'expired access/refresh token');
  }
  const scopes = requested ? stored.scopes.filter((s) => requested.includes(s)) : stored.scopes;
  const body = issue(state, origin, attempt, user, app, scopes, false, stored.loginKey);
  attempt.grant!.refreshToken = token;
  return body;
}

function clientOf(state: CrmState, form: URLSearchParams, attempt: Attempt): ConnectedApp {
  const app = state.auth.appByClientId(form.get('client_id') ?? '');
  if (!app) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  attempt.app = app;
  if (form.get('client_secret') !== app.clientSecret)
    throw new OAuthError('invalid_client', 'invalid client credentials');
  return app;
}

/** Requested scopes the app was granted (`full` on the app covers any); the app's scopes by default. */
function grantedScopes(appScopes: string[], requested: string[] | undefined): string[] {
  if (!requested) return [...appScopes];
  return requested.filter((s) => appScopes.includes('full') || appScopes.includes(s));
}

function issue(
  state: CrmState,
  origin: string,
  attempt: Attempt,
  user: CrmUser,
  app: ConnectedApp,
  scopes: string[],
  allowRefresh: boolean,
  loginKey?: string,
): Record<string, string> {
  const { accessToken, grant } = state.issueToken(user, app, scopes, {
    refresh: allowRefresh,
    ...(loginKey ? { loginKey } : {}),
  });
  attempt.grant = grant;
  attempt.loginStatus = LOGIN_STATUS.ok;
  const id = `${origin}/id/${state.orgId}/${user.id}`;
  const issuedAt = String(grant.issuedAt);
  const signature = createHmac('sha256', app.clientSecret)
    .update(id + issuedAt)
    .digest('base64');
  return {
    access_token: accessToken,
    ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
    signature,
    scope: scopes.join(' '),
    instance_url: origin,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}

function record(state: CrmState, request: Request, caller: Caller, attempt: Attempt, status: number): void {
  const { user, app, grant } = attempt;
  emitCrmEvent(state.ctx, {
    action: 'oauth.token',
    caller,
    request,
    status,
    ...(user ? { user } : { actor: { id: attempt.username || 'unknown', type: 'anonymous' } }),
    ...(app ? { app } : {}),
    ...(grant ? { grant, scopes: grant.scopes } : {}),
    resource: { type: 'OAuthToken', ...(user ? { id: user.id } : {}) },
    detail: {
      grantType: attempt.grantType,
      ...(attempt.loginStatus ? { loginStatus: attempt.loginStatus } : {}),
    },
  });
  if (!user || !attempt.loginStatus) return;
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  state.log.append('Login', state.ctx.clock.now(), caller.requestId, {
    USER_ID: user.id,
    RUN_TIME: 40,
    CPU_TIME: 12,
    URI: url.pathname,
    LOGIN_KEY: grant?.loginKey,
    USER_TYPE: 'Standard',
    REQUEST_STATUS: status < 400 ? 'S' : 'F',
    API_VERSION: state.apiVersion,
    BROWSER_TYPE: userAgentCode(caller.userAgent),
    CIPHER_SUITE: secure ? 'ECDHE-RSA-AES256-GCM-SHA384' : undefined,
    TLS_PROTOCOL: secure ? 'TLSv1.3' : undefined,
    CLIENT_IP: caller.sourceIp,
    FORWARDED_FOR_IP: request.headers.get('x-forwarded-for') ?? undefined,
    LOGIN_STATUS: attempt.loginStatus,
    LOGIN_TYPE: 'i',
    LOGIN_URL: url.host,
    SOURCE_IP: caller.sourceIp,
    USER_NAME: user.username,
  });
}
