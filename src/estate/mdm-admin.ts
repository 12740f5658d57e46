import { http, type RequestHandler } from 'msw';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import type { Mdm } from './mdm/mdm.ts';
import { jsonResponse } from './string-response.ts';

export const MDM_ADMIN_PATH = '/mdm/admin/devices';

/**
 * The MDM's administrator console, as a SOAR calls it: `POST /mdm/admin/devices/{id}/wipe` queues a
 * wipe of the device the telemetry names (202, `actionState: pending`); the device carries it out and
 * acknowledges at its next check-in, which is what containment waits for.
 */
export function mdmAdminHandlers(mdm: Mdm, crm: CrmState): RequestHandler[] {
  return [
    http.post(`*${MDM_ADMIN_PATH}/:id/wipe`, ({ request, params }) => {
      const admin = administratorOf(request, crm, 'wiping a device');
      if (typeof admin !== 'string') return admin;
      const id = String(params.id);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
        return adminRefusal(400, `'${id}' is not a managed device id (a GUID)`);
      if (!mdm.wipe(id, admin)) return adminRefusal(404, `no managed device ${id}`);
      const action = mdm.devices.get(id)!.deviceActionResults.find((one) => one.actionName === 'wipe')!;
      return jsonResponse({ id, actionName: 'wipe', actionState: action.actionState }, { status: 202 });
    }),
  ];
}
