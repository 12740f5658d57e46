import { findPhi } from '../synth/find-phi.ts';
import { patientIdsInText } from '../synth/patients-in-text.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { defineControl } from './define.ts';

const SCAN_EVERY_MS = 15 * 60_000;
/** A report export this large is a bulk extract, whoever runs it (DOMAIN.md §7: absolute floor). */
const BULK_ROWS = 200;
/** …and it is unusual for the user when it is this many times their largest export so far. */
const BASELINE_FACTOR = 3;
const ME = 'open-storage-guard';

interface Classified {
  etag: string;
  phi: boolean;
  patientIds: string[];
}

/**
 * Watches for patient data leaving through open object storage (164.312(a)(1), 164.502(b)): a bulk
 * report export by a user who does not normally export that much (CRM Report telemetry); a publicly
 * readable object holding PHI (a classification pass over new and changed objects every 15 minutes,
 * as a DLP scanner would); and any anonymous read of such an object (access telemetry, at once).
 * Containment: make the object private and take the public policy off its bucket.
 */
export const openStorageGuard = defineControl({
  id: ME,
  summary:
    'Bulk report export by an unusual user; public object holding PHI; anonymous reads of it; makes it private',
  kind: 'detector',
  reads: ['crm', 'logs'],
  rules: ['bulk-report-export', 'public-object-phi', 'anonymous-phi-read'],
  covers: ['report-export-open-storage'],
  scanEveryMs: SCAN_EVERY_MS,
  start({ estate, raise }) {
    const { state } = estate.storage;
    const largestExport = new Map<string, number>();
    const changed = new Set<string>();
    const classified = new Map<string, Classified>();
    const flagged = new Set<string>();

    const classify = (bucket: string, key: string): Classified | undefined => {
      const object = state.object(bucket, key);
      if (!object) return undefined;
      const path = `${bucket}/${key}`;
      const cached = classified.get(path);
      if (cached?.etag === object.etag) return cached;
      const text = new TextDecoder().decode(object.body);
      const result = { etag: object.etag, phi: findPhi(text).length > 0, patientIds: patientIdsInText(text) };
      classified.set(path, result);
      return result;
    };
    const flag = (rule: string, path: string, summary: string, event?: TelemetryEvent) => {
      const [bucket = '', ...rest] = path.split('/');
      const key = rest.join('/');
      if (flagged.has(path)) return;
      flagged.add(path);
      raise({
        rule,
        severity: 'critical',
        summary,
        patientIds: classify(bucket, key)?.patientIds ?? [],
        evidence: event ? [event.id] : [],
        ...(event?.correlationId ? { correlationId: event.correlationId } : {}),
      });
      state.makePrivate(bucket, key, ME);
    };

    return {
      onEvent(event) {
        if (event.outcome !== 'success') return;
        if (event.system === 'crm' && event.action === 'sf.report.export') {
          const rows = event.rows ?? 0;
          const before = largestExport.get(event.actor.id) ?? 0;
          largestExport.set(event.actor.id, Math.max(before, rows));
          if (rows < BULK_ROWS || rows <= before * BASELINE_FACTOR) return;
          raise({
            rule: 'bulk-report-export',
            // High: an extract of this size is where the breach clock can start (164.404(a)(2)).
            severity: 'high',
            summary: `${event.actor.name ?? event.actor.id} exported ${rows} patient rows (largest before: ${before}) from ${event.sourceIp}`,
            patientIds: event.patientIds,
            evidence: [event.id],
            ...(event.correlationId ? { correlationId: event.correlationId } : {}),
          });
          return;
        }
        if (event.system !== 'storage' || !event.resource.id) return;
        if (event.action === 'storage.put' || event.action === 'storage.acl') changed.add(event.resource.id);
        if (event.action === 'storage.bucket.policy' && event.detail?.publicRead === true) {
          const bucket = String(event.detail.bucket);
          for (const object of state.objectsIn(bucket)) changed.add(`${bucket}/${object.key}`);
        }
        if (event.action !== 'storage.get' || event.actor.type !== 'anonymous') return;
        const { bucket, key } = { bucket: String(event.detail?.bucket), key: String(event.detail?.key) };
        if (!classify(bucket, key)?.phi) return;
        flag(
          'anonymous-phi-read',
          event.resource.id,
          `anonymous download of ${event.resource.id} (PHI, ${event.detail?.bytes} bytes) from ${event.sourceIp}`,
          event,
        );
      },
      onScan() {
        for (const path of changed) {
          const [bucket = '', ...rest] = path.split('/');
          const key = rest.join('/');
          if (!state.isPublic(bucket, key) || !classify(bucket, key)?.phi) continue;
          flag('public-object-phi', path, `publicly readable object ${path} holds PHI`);
        }
        changed.clear();
      },
    };
  },
});
