import { sfDateTime } from '../../telemetry/encoders/time-format.ts';
import { hasPermission } from './auth.ts';
import { insufficientAccess, notFound } from './errors.ts';
import type { ApiRoute } from './rest-route.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import type { CrmState } from './state.ts';

/** Ids stay the same for the life of an org: one per authorisation (login key). */
const idsByState = new WeakMap<CrmState, Map<string, string>>();

function tokenId(state: CrmState, loginKey: string): string {
  const ids = idsByState.get(state) ?? new Map<string, string>();
  idsByState.set(state, ids);
  let id = ids.get(loginKey);
  if (id === undefined) {
    id = state.mintId('OauthToken');
    ids.set(loginKey, id);
  }
  return id;
}

/**
 * `OauthToken`: one row per live app authorisation, as an administrator sees it under Connected Apps
 * OAuth Usage. What a responder queries (by `UserId` or `AppName`, both in the telemetry) and deletes
 * to revoke an app's access; a revoked authorisation is no longer listed.
 */
export function oauthTokenRecords(state: CrmState): SObjectRecord[] {
  const byLogin = new Map<
    string,
    { userId: string; clientId: string; first: number; last: number; uses: number }
  >();
  for (const grant of state.auth.tokens.values()) {
    if (grant.revokedAt !== undefined) continue;
    const seen = byLogin.get(grant.loginKey);
    if (seen) {
      seen.first = Math.min(seen.first, grant.issuedAt);
      seen.last = Math.max(seen.last, grant.lastUsedAt);
      seen.uses += 1;
    } else {
      byLogin.set(grant.loginKey, {
        userId: grant.userId,
        clientId: grant.clientId,
        first: grant.issuedAt,
        last: grant.lastUsedAt,
        uses: 1,
      });
    }
  }
  return [...byLogin].map(([loginKey, token]) => ({
    Id: tokenId(state, loginKey),
    AppName: state.auth.appByClientId(token.clientId)?.name ?? null,
    UserId: token.userId,
    UseCount: token.uses,
    LastUsedDate: sfDateTime(token.last),
    CreatedDate: sfDateTime(token.first),
  }));
}

/** `DELETE sobjects/OauthToken/{Id}`: revokes every token of that authorisation (Manage Users in Salesforce). */
export const deleteOauthTokenRoute: ApiRoute = (call) => {
  const { state, meta, session } = call;
  meta.entity = 'OauthToken';
  meta.resourceId = call.params.id;
  if (!hasPermission(session.user, 'ModifyAllData')) {
    throw insufficientAccess('Revoking another user’s OAuth token requires the Manage Users permission');
  }
  const ids = idsByState.get(state) ?? new Map<string, string>();
  const loginKey = [...ids].find(([, id]) => id === call.params.id)?.[0];
  const live = [...state.auth.tokens].filter(
    ([, grant]) => grant.loginKey === loginKey && grant.revokedAt === undefined,
  );
  if (loginKey === undefined || live.length === 0) throw notFound();
  for (const [token] of live) state.revokeToken(token, { caller: call.caller });
  meta.rows = 1;
  return { status: 204 };
};
