import type { EhrState, IssuedToken, RefreshGrant } from './state.ts';

/** `offline_access` asks for a refresh token that outlives the session (SMART App Launch). */
export const OFFLINE_ACCESS = 'offline_access';

/** Stores a refresh token for the grant behind `issued`; returns its handle. */
export function issueRefreshToken(state: EhrState, issued: IssuedToken): string {
  const handle = state.opaqueHandle('rt');
  state.refreshTokens.set(handle, {
    clientId: issued.clientId,
    scopes: [...issued.scopes],
    actor: issued.actor,
    issuedAt: issued.issuedAt,
  });
  return handle;
}

/** The live grant behind a refresh token presented by `clientId`, or undefined (unknown, revoked, not theirs). */
export function redeemRefreshToken(
  state: EhrState,
  clientId: string,
  handle: string | null,
): RefreshGrant | undefined {
  const grant = handle ? state.refreshTokens.get(handle) : undefined;
  if (!grant || grant.clientId !== clientId || grant.revokedAt !== undefined) return undefined;
  return grant;
}

/**
 * Revokes everything a client holds: its live access tokens and its refresh tokens, since revoking
 * only the access token of an `offline_access` grant is undone by the next refresh. Returns how many.
 */
export function revokeClientGrants(state: EhrState, clientId: string, now: number): number {
  let revoked = 0;
  for (const [token, issued] of state.tokens) {
    if (issued.clientId !== clientId || issued.revokedAt !== undefined || issued.expiresAt <= now) continue;
    if (state.revokeToken(token)) revoked++;
  }
  for (const grant of state.refreshTokens.values()) {
    if (grant.clientId !== clientId || grant.revokedAt !== undefined) continue;
    grant.revokedAt = now;
    revoked++;
  }
  return revoked;
}
