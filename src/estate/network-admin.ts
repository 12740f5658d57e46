import { isIP } from 'node:net';
import { http, type RequestHandler } from 'msw';
import type { TelemetryBus } from '../telemetry/bus.ts';
import { emitAdminAction } from './admin-action.ts';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import { jsonResponse } from './string-response.ts';

export const NETWORK_BLOCKLIST_PATH = '/network/admin/blocklist';

/**
 * The edge's block list (the WAF in front of the CRM API), as a SOAR calls it:
 * `PUT /network/admin/blocklist/{address}` blocks a source address, whose calls then get the CRM's
 * security-policy refusal (403 `TXN_SECURITY_NO_ACCESS`). It sits outside the CRM API on purpose: a
 * flood that spent the API allocation must not stop the responder from blocking it.
 */
export function networkAdminHandlers(crm: CrmState, bus: TelemetryBus): RequestHandler[] {
  return [
    http.put(`*${NETWORK_BLOCKLIST_PATH}/:address`, ({ request, params }) => {
      const admin = administratorOf(request, crm, 'blocking a source address');
      if (typeof admin !== 'string') return admin;
      const address = decodeURIComponent(String(params.address));
      if (isIP(address) === 0)
        return adminRefusal(400, `address: '${address}' is not an IPv4 or IPv6 address`);
      const added = crm.limits.block(address);
      emitAdminAction(bus, request, admin, {
        system: 'crm',
        action: 'network.block',
        resource: { type: 'BlockedSource', id: address },
        detail: { address, added },
      });
      return jsonResponse({ address, blocked: true, added });
    }),
    http.get(`*${NETWORK_BLOCKLIST_PATH}`, ({ request }) => {
      const admin = administratorOf(request, crm, 'reading the block list');
      if (typeof admin !== 'string') return admin;
      return jsonResponse({ addresses: [...crm.limits.blockedSources].sort() });
    }),
  ];
}
