import { hasPermission } from './crm/auth.ts';
import type { CrmState } from './crm/state.ts';
import { jsonResponse } from './string-response.ts';

export function adminRefusal(status: 400 | 401 | 403 | 404, reason: string): Response {
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Bearer realm="estate-admin"' } : {};
  return jsonResponse({ error: reason }, { status, headers });
}

/**
 * The estate's administrator consoles share one sign-on, the CRM's OAuth: a caller presents a live
 * CRM access token of a user with Manage Users (the responder administrator a target run prints).
 * Returns the administrator's username, or the refusal to send.
 */
export function administratorOf(request: Request, crm: CrmState, action: string): string | Response {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const grant = bearer === undefined ? undefined : crm.activeGrant(bearer);
  if (!grant)
    return adminRefusal(401, 'a live administrator access token is required (Authorization: Bearer …)');
  const user = crm.auth.users.get(grant.userId);
  if (!user || !hasPermission(user, 'ModifyAllData'))
    return adminRefusal(403, `${action} requires the Manage Users permission`);
  return user.username;
}
