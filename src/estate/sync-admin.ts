import { http, type RequestHandler } from 'msw';
import { formatDuration, parseDuration } from '../clock/duration.ts';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import type { CrmState } from './crm/state.ts';
import { jsonResponse } from './string-response.ts';
import { CHANGE_TOPIC_POLICY_RETENTION_MS } from './sync/change-topic.ts';
import type { SyncJob } from './sync/types.ts';

export const SYNC_PURGE_PATH = '/integration/admin/sync/purge';
export const TOPIC_PURGE_PATH = '/integration/admin/topic/purge';

/**
 * The integration engine's administrator console, as a SOAR calls it: purge a failed sync's residue
 * (dead letters, staging rows, payloads in the error log) and purge change-topic messages held past
 * an age (default: the topic's one-hour retention policy). Both go through the job's own purge, so
 * the `sync.purge` / `sync.topic.purge` telemetry is the same whoever acts.
 */
export function syncAdminHandlers(sync: SyncJob, crm: CrmState): RequestHandler[] {
  return [
    http.post(`*${SYNC_PURGE_PATH}`, ({ request }) => {
      const admin = administratorOf(request, crm, 'purging sync residue');
      if (typeof admin !== 'string') return admin;
      return jsonResponse(sync.purge(admin));
    }),
    http.post(`*${TOPIC_PURGE_PATH}`, ({ request }) => {
      const admin = administratorOf(request, crm, 'purging the change topic');
      if (typeof admin !== 'string') return admin;
      const asked = new URL(request.url).searchParams.get('olderThan');
      const ageMs = asked === null ? CHANGE_TOPIC_POLICY_RETENTION_MS : parseDuration(asked);
      if (ageMs === undefined)
        return adminRefusal(400, `olderThan: '${asked}' is not a duration (e.g. 1h, 30m)`);
      const patientIds = sync.topic.purgeOlderThan(ageMs, admin);
      return jsonResponse({ olderThan: formatDuration(ageMs), patients: patientIds.length });
    }),
  ];
}
