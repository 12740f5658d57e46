import { HttpResponse, http, type RequestHandler } from 'msw';
import type { Clock } from '../clock/clock.ts';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import { overrideLive, revokeOverride } from './ehr/break-glass.ts';
import { revokeClientGrants } from './ehr/refresh.ts';
import type { EhrState } from './ehr/state.ts';

export const EHR_ADMIN_PATH = '/ehr/admin';

/**
 * The EHR's security administration, as a SOAR calls it: revoke a break-glass override by the
 * elevated session handle the audit stream names, or everything a SMART client holds (access and
 * refresh tokens, since a refresh would undo revoking the access token alone). Both go through the
 * same revocation the built-in controls use, so the verdict reads the same state whoever acts.
 */
export function ehrAdminHandlers(ehr: EhrState, crm: CrmState, clock: Clock): RequestHandler[] {
  return [
    http.post(`*${EHR_ADMIN_PATH}/break-glass/:session/revoke`, ({ request, params }) => {
      const admin = administratorOf(request, crm, 'revoking a break-glass override');
      if (typeof admin !== 'string') return admin;
      const session = String(params.session);
      if (!overrideLive(ehr, session, clock.now()))
        return adminRefusal(404, `no live break-glass override with session ${session}`);
      revokeOverride(ehr, session);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(`*${EHR_ADMIN_PATH}/clients/:clientId/revoke`, ({ request, params }) => {
      const admin = administratorOf(request, crm, 'revoking a SMART client’s tokens');
      if (typeof admin !== 'string') return admin;
      const clientId = String(params.clientId);
      if (!ehr.clients.has(clientId)) return adminRefusal(404, `no EHR client registered as ${clientId}`);
      return HttpResponse.json({ revoked: revokeClientGrants(ehr, clientId, clock.now()) });
    }),
  ];
}
