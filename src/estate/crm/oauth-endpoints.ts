import { type HttpHandler, http } from 'msw';
import { bearerOf, type Caller, callerOf } from '../caller.ts';
import { type CrmUser, hasScope, type TokenGrant } from './auth.ts';
import type { CrmState } from './state.ts';
import { actorOf, emitCrmEvent } from './telemetry.ts';

const SCOPES = ['api', 'full', 'refresh_token', 'offline_access', 'web', 'id', 'openid', 'profile', 'email'];

/** `POST /services/oauth2/revoke` (form `token=`): revokes an access or refresh token. */
export function revokeHandler(state: CrmState): HttpHandler {
  return http.post('*/services/oauth2/revoke', async ({ request }) => {
    const caller = callerOf(request);
    const form = new URLSearchParams(await request.text());
    const token = form.get('token') ?? new URL(request.url).searchParams.get('token') ?? '';
    const owner = ownerOf(state, token);
    if (state.revokeToken(token, { caller, actor: actorOf(owner) }))
      return new Response(null, { status: 200 });
    emitCrmEvent(state.ctx, {
      action: 'oauth.revoke',
      caller,
      request,
      status: 400,
      resource: { type: 'OAuthToken' },
    });
    return Response.json(
      { error: 'unsupported_token_type', error_description: 'this token type is not supported' },
      {
        status: 400,
      },
    );
  });
}

function ownerOf(state: CrmState, token: string): CrmUser | undefined {
  const userId = state.auth.tokens.get(token)?.userId ?? state.auth.refreshTokens.get(token)?.userId;
  return userId === undefined ? undefined : state.auth.users.get(userId);
}

function identity(state: CrmState, origin: string, user: CrmUser): Record<string, unknown> {
  return {
    id: `${origin}/id/${state.orgId}/${user.id}`,
    user_id: user.id,
    organization_id: state.orgId,
    username: user.username,
    display_name: user.name,
    email: user.email ?? user.username,
    active: true,
    user_type: 'STANDARD',
    urls: {
      rest: `${origin}/services/data/v{version}/`,
      query: `${origin}/services/data/v{version}/query/`,
      sobjects: `${origin}/services/data/v{version}/sobjects/`,
    },
  };
}

/** Resolves the bearer session of an identity request, emitting the telemetry either way. */
function identityCall(
  state: CrmState,
  request: Request,
  action: string,
  build: (user: CrmUser, grant: TokenGrant, caller: Caller) => Record<string, unknown> | undefined,
): Response {
  const caller = callerOf(request);
  const token = bearerOf(request);
  const grant = token === undefined ? undefined : state.activeGrant(token);
  const user = grant && state.auth.users.get(grant.userId);
  let response: Response;
  if (!grant || !user) {
    response = Response.json(
      { error: 'invalid_token', error_description: 'Bad_OAuth_Token' },
      { status: 401 },
    );
  } else if (!['id', 'openid', 'profile'].some((s) => hasScope(grant.scopes, s))) {
    response = Response.json(
      { error: 'insufficient_scope', error_description: 'Missing_OAuth_Scope' },
      { status: 403 },
    );
  } else {
    grant.lastUsedAt = state.ctx.clock.now();
    const body = build(user, grant, caller);
    response = body ? Response.json(body) : Response.json({ error: 'not_found' }, { status: 404 });
  }
  emitCrmEvent(state.ctx, {
    action,
    caller,
    request,
    status: response.status,
    ...(user ? { user } : {}),
    ...(grant ? { grant, scopes: grant.scopes, app: state.auth.appByClientId(grant.clientId) } : {}),
    resource: { type: 'User', ...(user ? { id: user.id } : {}) },
  });
  return response;
}

export function userInfoHandler(state: CrmState): HttpHandler {
  return http.get('*/services/oauth2/userinfo', ({ request }) =>
    identityCall(state, request, 'oauth.userinfo', (user) => {
      const origin = new URL(request.url).origin;
      return {
        sub: `${origin}/id/${state.orgId}/${user.id}`,
        user_id: user.id,
        organization_id: state.orgId,
        preferred_username: user.username,
        name: user.name,
        email: user.email ?? user.username,
        active: true,
        user_type: 'STANDARD',
      };
    }),
  );
}

/** `GET /id/{orgId}/{userId}`: the identity URL returned as `id` by the token endpoint. */
export function identityHandler(state: CrmState): HttpHandler {
  return http.get('*/id/:orgId/:userId', ({ request, params }) =>
    identityCall(state, request, 'oauth.identity', () => {
      const user = state.auth.users.get(String(params.userId));
      if (!user || String(params.orgId) !== state.orgId) return undefined;
      return identity(state, new URL(request.url).origin, user);
    }),
  );
}

export function openIdConfigurationHandler(state: CrmState): HttpHandler {
  return http.get('*/.well-known/openid-configuration', ({ request }) => {
    const origin = new URL(request.url).origin;
    emitCrmEvent(state.ctx, {
      action: 'oauth.discovery',
      caller: callerOf(request),
      request,
      status: 200,
      resource: { type: 'api' },
    });
    return Response.json({
      issuer: origin,
      token_endpoint: `${origin}/services/oauth2/token`,
      revocation_endpoint: `${origin}/services/oauth2/revoke`,
      userinfo_endpoint: `${origin}/services/oauth2/userinfo`,
      scopes_supported: SCOPES,
      response_types_supported: ['code', 'token'],
      grant_types_supported: [
        'password',
        'client_credentials',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
      ],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post'],
    });
  });
}
