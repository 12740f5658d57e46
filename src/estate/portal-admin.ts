import { HttpResponse, http, type RequestHandler } from 'msw';
import { z } from 'zod';
import type { TelemetryBus } from '../telemetry/bus.ts';
import { adminPayload, emitAdminAction } from './admin-action.ts';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import { sessionKey } from './portal/session-id.ts';
import type { PortalState } from './portal/types.ts';
import { jsonResponse } from './string-response.ts';

export const PORTAL_FINDER_ADMIN_PATH = '/portal/admin/finder';

const FINDER_SETTINGS = z.strictObject({
  method: z.enum(['get', 'post']),
  analyticsTag: z.boolean().optional(),
});

/**
 * The portal's administrator console, as a SOAR calls it: `DELETE /portal/admin/sessions/{key}` ends
 * the session whose short key the telemetry names; `PUT /portal/admin/finder` sets how the appointment
 * finder submits (`{"method": "post"}` keeps identifiers out of URLs) and whether its pages carry the
 * analytics tag; `POST /portal/admin/clear-site-data` stops the profile cache and has devices wipe the
 * portal's storage on their next signed-out load. All go through the portal's own state, so the
 * ledger and telemetry are the same whoever acts.
 */
export function portalAdminHandlers(portal: PortalState, crm: CrmState, bus: TelemetryBus): RequestHandler[] {
  return [
    http.put(`*${PORTAL_FINDER_ADMIN_PATH}`, async ({ request }) => {
      const admin = administratorOf(request, crm, 'changing the appointment finder');
      if (typeof admin !== 'string') return admin;
      const payload = await adminPayload(request, FINDER_SETTINGS);
      if (payload instanceof Response) return payload;
      portal.config.finder = { ...portal.config.finder, ...payload };
      emitAdminAction(bus, request, admin, {
        system: 'portal',
        action: 'portal.finder.configure',
        resource: { type: 'PortalFinder', id: 'appointment-finder' },
        detail: { ...portal.config.finder },
      });
      return jsonResponse(portal.config.finder);
    }),
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
