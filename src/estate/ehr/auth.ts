import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerOf } from '../caller.ts';
import { jsonResponse } from '../string-response.ts';
import { FhirError } from './operation-outcome.ts';
import { issueRefreshToken, OFFLINE_ACCESS, redeemRefreshToken } from './refresh.ts';
import { grantScopes, type Interaction, parseScope, scopesCover } from './scopes.ts';
import type { EhrClient, EhrState, IssuedToken } from './state.ts';

/** SMART Backend Services asks for short-lived access tokens; five minutes is its recommended ceiling. */
export const DEFAULT_TOKEN_TTL_SECONDS = 300;

export interface TokenExchange {
  response: Response;
  status: number;
  client?: EhrClient;
  /** The client id the caller claimed, even when authentication failed. */
  claimedClientId?: string;
  granted: string[];
  token?: string;
}

function failure(
  status: number,
  error: string,
  description: string,
  context: { client?: EhrClient; claimedClientId?: string; headers?: Record<string, string> } = {},
): TokenExchange {
  return {
    response: jsonResponse({ error, error_description: description }, { status, headers: context.headers }),
    status,
    client: context.client,
    claimedClientId: context.claimedClientId,
    granted: [],
  };
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Client credentials from HTTP Basic or the form body; using both at once is refused (RFC 6749 §2.3). */
function credentialsOf(request: Request, form: URLSearchParams) {
  const header = request.headers.get('authorization');
  const basic = header && /^Basic\s+(.+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0 || form.has('client_secret')) return { invalid: true as const, viaBasic: true };
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
      viaBasic: true,
    };
  }
  return {
    clientId: form.get('client_id') ?? undefined,
    secret: form.get('client_secret') ?? undefined,
    viaBasic: false,
  };
}

/**
 * `POST …/auth/token`: the client_credentials grant, granting requested ∩ registered scopes, plus a
 * refresh token when `offline_access` is granted (RFC 6749 §4.4.3 says a client_credentials response
 * SHOULD NOT carry one; this EHR issues one anyway, as some vendor builds do, so a standing offline
 * grant can be rehearsed), and the refresh_token grant, which re-issues within the original grant.
 */
export async function exchangeToken(
  state: EhrState,
  request: Request,
  now: number,
  ttlSeconds: number,
): Promise<TokenExchange> {
  if (!(request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    return failure(400, 'invalid_request', 'the token request must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(await request.text());
  const credentials = credentialsOf(request, form);
  if ('invalid' in credentials)
    return failure(400, 'invalid_request', 'use exactly one client authentication method');
  const claimedClientId = credentials.clientId;
  const client = claimedClientId ? state.clients.get(claimedClientId) : undefined;
  if (!client || credentials.secret === undefined || !sameSecret(credentials.secret, client.clientSecret)) {
    const headers = credentials.viaBasic ? { 'www-authenticate': 'Basic realm="ehr"' } : undefined;
    return failure(401, 'invalid_client', 'client authentication failed', { claimedClientId, headers });
  }
  const context = { client, claimedClientId };
  const grantType = form.get('grant_type');
  if (grantType !== 'client_credentials' && grantType !== 'refresh_token') {
    return failure(
      400,
      'unsupported_grant_type',
      'only client_credentials and refresh_token are supported',
      context,
    );
  }
  const held =
    grantType === 'refresh_token'
      ? redeemRefreshToken(state, client.clientId, form.get('refresh_token'))
      : undefined;
  if (grantType === 'refresh_token' && !held) {
    return failure(
      400,
      'invalid_grant',
      'the refresh token is unknown, revoked or not issued to this client',
      context,
    );
  }
  const requested = (form.get('scope') ?? held?.scopes.join(' ') ?? '').split(' ').filter(Boolean);
  if (requested.length === 0) return failure(400, 'invalid_scope', 'scope is required', context);
  const granted = grantScopes(requested, held?.scopes ?? client.scopes);
  if (granted.length === 0) {
    return failure(
      400,
      'invalid_scope',
      `none of the requested scopes is allowed for ${client.clientId}`,
      context,
    );
  }
  const token = state.opaqueHandle('at');
  const issued: IssuedToken = {
    clientId: client.clientId,
    scopes: granted,
    actor: client.actor,
    issuedAt: now,
    expiresAt: now + ttlSeconds * 1000,
  };
  state.tokens.set(token, issued);
  const refresh =
    !held && granted.includes(OFFLINE_ACCESS) ? { refresh_token: issueRefreshToken(state, issued) } : {};
  const response = jsonResponse(
    {
      access_token: token,
      token_type: 'Bearer',
      expires_in: ttlSeconds,
      scope: granted.join(' '),
      ...refresh,
    },
    { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } },
  );
  return { response, status: 200, client, claimedClientId, granted, token };
}

export interface Authenticated {
  token: string;
  issued: IssuedToken;
  client?: EhrClient;
}

/** The bearer token's grant, or a 401 OperationOutcome for a missing, unknown, expired or revoked one. */
export function authenticate(state: EhrState, request: Request, now: number): Authenticated {
  const token = bearerOf(request);
  const challenge = { 'www-authenticate': 'Bearer realm="ehr", error="invalid_token"' };
  if (!token)
    throw new FhirError(401, 'login', 'a bearer token is required', {
      'www-authenticate': 'Bearer realm="ehr"',
    });
  const issued = state.tokens.get(token);
  if (!issued) throw new FhirError(401, 'login', 'the access token is not recognised', challenge);
  if (issued.revokedAt !== undefined && issued.revokedAt <= now) {
    throw new FhirError(401, 'login', 'the access token has been revoked', challenge);
  }
  if (now >= issued.expiresAt) throw new FhirError(401, 'login', 'the access token has expired', challenge);
  return { token, issued, client: state.clients.get(issued.clientId) };
}

/** 403 unless one of the token's scopes covers this interaction on this type. */
export function authorize(
  auth: Authenticated,
  resourceType: string,
  interaction: Interaction,
  searchParams: ReadonlyArray<readonly [string, string]> = [],
): void {
  if (scopesCover(auth.issued.scopes, resourceType, interaction, searchParams)) return;
  const held = auth.issued.scopes.filter((scope) => parseScope(scope)).join(' ') || 'none';
  throw new FhirError(
    403,
    'forbidden',
    `scope does not allow ${interaction} on ${resourceType} (granted: ${held})`,
  );
}
