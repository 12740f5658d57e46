import { http, type RequestHandler } from 'msw';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import { type EdgeTls, isWeakProtocol, TLS_PROTOCOLS, type TlsProtocol } from './integration/edge-tls.ts';
import { jsonResponse } from './string-response.ts';

export const EDGE_TLS_PATH = '/integration/admin/tls/minimum';

/**
 * The integration edge's administrator console, as a SOAR calls it: `POST /integration/admin/tls/minimum`
 * with `{"minimum":"TLSv1.2"}` sets `ssl_protocols` to that protocol and newer and closes the plain
 * HTTP listener. Only a minimum SP 800-52r2 accepts is taken: a console that could re-open TLS 1.0
 * would be a way to undo containment.
 */
export function edgeAdminHandlers(edge: EdgeTls, crm: CrmState): RequestHandler[] {
  return [
    http.post(`*${EDGE_TLS_PATH}`, async ({ request }) => {
      const admin = administratorOf(request, crm, 'changing the integration edge’s TLS policy');
      if (typeof admin !== 'string') return admin;
      let body: unknown;
      try {
        body = JSON.parse(await request.text());
      } catch {
        return adminRefusal(400, 'the body must be JSON: {"minimum":"TLSv1.2"}');
      }
      const minimum = (body as { minimum?: unknown } | null)?.minimum;
      const allowed = TLS_PROTOCOLS.filter((protocol) => !isWeakProtocol(protocol));
      if (typeof minimum !== 'string' || !(allowed as readonly string[]).includes(minimum))
        return adminRefusal(400, `minimum: must be one of ${allowed.join(', ')}`);
      edge.enforce(minimum as TlsProtocol, admin);
      return jsonResponse(edge.config);
    }),
  ];
}
