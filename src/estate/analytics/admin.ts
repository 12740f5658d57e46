import { http, type RequestHandler } from 'msw';
import { administratorOf, adminRefusal } from '../admin-auth.ts';
import { callerOf } from '../caller.ts';
import type { CrmState } from '../crm/state.ts';
import { jsonResponse } from '../string-response.ts';
import type { AnalyticsExport } from './export-job.ts';

export const ANALYTICS_RECALL_PATH = '/integration/admin/analytics/batches/:batchId/recall';

/**
 * The integration engine's console action a SOAR calls to contain an export: `POST
 * /integration/admin/analytics/batches/{batchId}/recall`, as the responder administrator. It goes
 * through the job's own recall (the platform deletes the batch), so telemetry is the same whoever acts.
 */
export function analyticsAdminHandlers(exports: AnalyticsExport, crm: CrmState): RequestHandler[] {
  return [
    http.post(`*${ANALYTICS_RECALL_PATH}`, async ({ request, params }) => {
      const admin = administratorOf(request, crm, 'recalling analytics batches');
      if (typeof admin !== 'string') return admin;
      const batchId = String(params.batchId);
      if (!exports.outbound.has(batchId)) return adminRefusal(404, `no analytics batch ${batchId} was sent`);
      const recalled = await exports.recall(
        batchId,
        { id: admin, type: 'responder', name: admin },
        callerOf(request),
      );
      if (!recalled) return adminRefusal(400, `the analytics platform did not delete batch ${batchId}`);
      return jsonResponse({ batchId, recalled: true });
    }),
  ];
}
