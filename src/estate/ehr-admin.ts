import { HttpResponse, http, type RequestHandler } from 'msw';
import { z } from 'zod';
import type { Clock } from '../clock/clock.ts';
import type { TelemetryBus } from '../telemetry/bus.ts';
import { adminPayload, emitAdminAction } from './admin-action.ts';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import { overrideLive, revokeOverride } from './ehr/break-glass-override.ts';
import { revokeClientGrants } from './ehr/refresh.ts';
import type { EhrState } from './ehr/state.ts';
import { jsonResponse } from './string-response.ts';

export const EHR_ADMIN_PATH = '/ehr/admin';

const AUDIT_SWITCH = z.strictObject({ enabled: z.boolean() });

/**
 * The EHR's security administration, as a SOAR calls it: revoke a break-glass override by the
 * elevated session handle the audit stream names, or everything a SMART client holds (access and
 * refresh tokens, since a refresh would undo revoking the access token alone). Both go through the
 * same revocation the built-in controls use, so the verdict reads the same state whoever acts. The
 * audit switch (`PUT /ehr/admin/audit {"enabled": true}`) turns AuditEvent recording back on.
 */
export function ehrAdminHandlers(
  ehr: EhrState,
  crm: CrmState,
  clock: Clock,
  bus: TelemetryBus,
): RequestHandler[] {
  return [
    http.put(`*${EHR_ADMIN_PATH}/audit`, async ({ request }) => {
      const admin = administratorOf(request, crm, 'switching EHR audit recording');
      if (typeof admin !== 'string') return admin;
      const payload = await adminPayload(request, AUDIT_SWITCH);
      if (payload instanceof Response) return payload;
      const audit = ehr.config.audit;
      const was = audit.enabled;
      audit.enabled = payload.enabled;
      emitAdminAction(bus, request, admin, {
        system: 'ehr',
        action: 'ehr.audit.configure',
        resource: { type: 'AuditConfiguration', id: 'AuditEvent' },
        detail: { enabled: payload.enabled, was },
      });
      return jsonResponse({ enabled: audit.enabled, was });
    }),
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
      return jsonResponse({ revoked: revokeClientGrants(ehr, clientId, clock.now()) });
    }),
  ];
}
