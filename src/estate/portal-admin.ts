import { HttpResponse, http, type RequestHandler } from 'msw';
import { hasPermission } from './crm/auth.ts';
import type { CrmState } from './crm/state.ts';
import { sessionKey } from './portal/session-id.ts';
import type { PortalState } from './portal/types.ts';

const PATH = '*/portal/admin/sessions/:key';

function refused(status: 401 | 403 | 404, reason: string): Response {
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Bearer realm="portal-admin"' } : {};
  return HttpResponse.json({ error: reason }, { status, headers });
}

/**
 * The portal's administrator console, as a SOAR calls it: `DELETE /portal/admin/sessions/{key}` ends
 * the session whose short key the telemetry names. The estate's single sign-on is the CRM's OAuth, so
 * the caller presents the responder administrator's CRM access token (Manage Users). Termination goes
 * through the portal's own `terminate`, so the ledger and telemetry are the same whoever acts.
 */
export function portalAdminHandlers(portal: PortalState, crm: CrmState): RequestHandler[] {
  return [
    http.delete(PATH, ({ request, params }) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      const grant = bearer === undefined ? undefined : crm.activeGrant(bearer);
      if (!grant)
        return refused(401, 'a live administrator access token is required (Authorization: Bearer …)');
      const user = crm.auth.users.get(grant.userId);
      if (!user || !hasPermission(user, 'ModifyAllData'))
        return refused(403, 'terminating portal sessions requires the Manage Users permission');
      const key = String(params.key);
      const session = [...portal.sessions.values()].find(
        (one) => sessionKey(one.id) === key && one.endedAt === undefined,
      );
      if (!session) return refused(404, `no live portal session with key ${key}`);
      portal.terminate(key, user.username);
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
