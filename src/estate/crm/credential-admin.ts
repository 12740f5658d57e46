import { randomBytes } from 'node:crypto';
import type { Actor } from '../../telemetry/event.ts';
import type { CrmState } from './state.ts';
import { emitCrmEvent } from './telemetry.ts';

/** Revokes every live session (access and refresh tokens) of one user; returns how many. */
export function revokeUserSessions(state: CrmState, userId: string, actor: Actor): number {
  let revoked = 0;
  for (const [token, grant] of state.tokens) {
    if (grant.userId !== userId || grant.revokedAt !== undefined) continue;
    if (state.revokeToken(grant.refreshToken ?? token, { actor })) revoked++;
  }
  return revoked;
}

/**
 * Issues a connected app a new consumer secret; the old one stops working at once. Returns the new
 * secret (random, never derived from the seed, never in a report).
 */
export function resetClientSecret(state: CrmState, clientId: string, actor: Actor): string | undefined {
  const app = state.auth.appByClientId(clientId);
  if (!app) return undefined;
  app.clientSecret = randomBytes(18).toString('base64url');
  emitCrmEvent(state.ctx, {
    action: 'sf.connectedapp.secret-reset',
    caller: { sourceIp: '127.0.0.1', requestId: state.ctx.nextId('req') },
    status: 200,
    actor,
    app,
    resource: { type: 'ConnectedApplication', id: app.id },
  });
  return app.clientSecret;
}
