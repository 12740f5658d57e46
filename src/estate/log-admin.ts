import { http, type RequestHandler } from 'msw';
import { z } from 'zod';
import type { TelemetryBus } from '../telemetry/bus.ts';
import { adminPayload, emitAdminAction } from './admin-action.ts';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import type { Integration } from './integration/index.ts';
import { jsonResponse } from './string-response.ts';

export const INTAKE_ADMIN_PATH = '/integration/admin/intake';
export const LOG_ADMIN_PATH = '/integration/admin/logs';

const INTAKE_SWITCHES = z
  .strictObject({ verboseErrors: z.boolean().optional(), logPayloads: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, 'name verboseErrors or logPayloads');

const isoTime = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));
const REDACTION = z.strictObject({
  from: isoTime.optional().describe('Redact lines written at or after this time'),
  to: isoTime.optional().describe('Redact lines written before this time'),
});

/**
 * The integration engine's logging switches and the log platform's redaction, as a SOAR calls them:
 * `PATCH /integration/admin/intake {"verboseErrors": false, "logPayloads": false}` stops new records
 * reaching error bodies and log lines, and `POST /integration/admin/logs/{logger}/redact` scrubs the
 * lines already written (all of that logger's, or a `from`/`to` window), through the log's own
 * redaction so its `applog.redact` event is the same whoever acts.
 */
export function logAdminHandlers(
  integration: Integration,
  crm: CrmState,
  bus: TelemetryBus,
): RequestHandler[] {
  const { intake, appLog } = integration;
  return [
    http.patch(`*${INTAKE_ADMIN_PATH}`, async ({ request }) => {
      const admin = administratorOf(request, crm, 'changing the intake’s logging');
      if (typeof admin !== 'string') return admin;
      const payload = await adminPayload(request, INTAKE_SWITCHES);
      if (payload instanceof Response) return payload;
      intake.config = { ...intake.config, ...payload };
      emitAdminAction(bus, request, admin, {
        system: 'integration',
        action: 'intake.configure',
        resource: { type: 'IntakeConfiguration', id: 'partner-intake' },
        detail: { ...intake.config },
      });
      return jsonResponse(intake.config);
    }),
    http.post(`*${LOG_ADMIN_PATH}/:logger/redact`, async ({ request, params }) => {
      const admin = administratorOf(request, crm, 'redacting log lines');
      if (typeof admin !== 'string') return admin;
      const payload = await adminPayload(request, REDACTION);
      if (payload instanceof Response) return payload;
      const logger = decodeURIComponent(String(params.logger));
      const lines = appLog.records.filter((record) => record.logger === logger);
      if (lines.length === 0) return adminRefusal(404, `no log lines from logger ${logger}`);
      const within = lines.filter((record) => {
        const at = Date.parse(record.time);
        return (
          (payload.from === undefined || at >= payload.from) && (payload.to === undefined || at < payload.to)
        );
      });
      const redacted = appLog.redact(
        within.map((record) => record.seq),
        admin,
      );
      return jsonResponse({ logger, redacted });
    }),
  ];
}
