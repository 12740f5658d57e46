import { HttpResponse, http, type RequestHandler } from 'msw';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import { sessionKey } from './portal/session-id.ts';
import type { PortalState } from './portal/types.ts';

/**
 * The portal's administrator console, as a SOAR calls it: `DELETE /portal/admin/sessions/{key}` ends
 * the session whose short key the telemetry names; `POST /portal/admin/clear-site-data` stops the
 * profile cache and has devices wipe the portal's storage on their next signed-out load. Both go
 * through the portal's own state methods, so the ledger and telemetry are the same whoever acts.
 */
export function portalAdminHandlers(portal: PortalState, crm: CrmState): RequestHandler[] {
  return [
    http.delete('*/portal/admin/sessions/:key', ({ request, params }) => {
      const admin = administratorOf(request, crm, 'terminating portal sessions');
      if (typeof admin !== 'string') return admin;
      const key = String(params.key);
      const session = [...portal.sessions.values()].find(
        (one) => sessionKey(one.id) === key && one.endedAt === undefined,
      );
      if (!session) return adminRefusal(404, `no live portal session with key ${key}`);
      portal.terminate(key, admin);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/portal/admin/clear-site-data', ({ request }) => {
      const admin = administratorOf(request, crm, 'clearing portal storage on devices');
      if (typeof admin !== 'string') return admin;
      portal.clearDeviceStorage(admin);
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
