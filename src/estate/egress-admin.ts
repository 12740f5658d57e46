import { http, type RequestHandler } from 'msw';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import type { EgressGateway } from './egress/gateway.ts';
import { jsonResponse } from './string-response.ts';

export const EGRESS_BLOCK_PATH = '/integration/admin/egress/block';

/**
 * The outbound gateway's administrator console, as a SOAR calls it: `POST /integration/admin/egress/block`
 * with `{"host":"…"}` refuses every further connection to that host (the destination the egress log
 * names). Only a host some named credential points at can be blocked, so a typo is an error, not a
 * rule that blocks nothing.
 */
export function egressAdminHandlers(gateway: EgressGateway, crm: CrmState): RequestHandler[] {
  return [
    http.post(`*${EGRESS_BLOCK_PATH}`, async ({ request }) => {
      const admin = administratorOf(request, crm, 'blocking an egress destination');
      if (typeof admin !== 'string') return admin;
      let body: unknown;
      try {
        body = JSON.parse(await request.text());
      } catch {
        return adminRefusal(400, 'the body must be JSON: {"host":"vendor.example"}');
      }
      const host = (body as { host?: unknown } | null)?.host;
      if (typeof host !== 'string' || host.trim() === '')
        return adminRefusal(400, 'host: a host name is required');
      const known = [...gateway.credentials.values()].some(
        (credential) => credential.host === host.toLowerCase(),
      );
      if (!known) return adminRefusal(404, `no named credential points at ${host}`);
      gateway.block(host.toLowerCase(), admin);
      return jsonResponse({ blocked: [...gateway.blocked].sort() });
    }),
  ];
}
