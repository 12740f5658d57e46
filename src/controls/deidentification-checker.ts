import { EXPORT_HOST_IP } from '../estate/analytics/hosts.ts';
import { patientIdsInText } from '../synth/patients-in-text.ts';
import { defineControl } from './define.ts';
import { survivingIdentifiers } from './safe-harbor.ts';

const ME = 'deidentification-checker';
const RESPONDER = { id: ME, type: 'responder' as const, name: ME };
/** Dates, small geography and old ages identify only in combination; every other identifier does alone. */
const QUASI = new Set(['B', 'C']);

/**
 * Checks each batch the analytics export sends outside against the Safe Harbor method
 * (164.514(b)(2)) as soon as the export job's log line for it arrives: it reads the organisation's
 * outbound copy of the batch and names every identifier type that survived, with its column.
 * Direct identifiers are critical, only dates, small geography or ages over 89 high. Containment:
 * recall the batch (the platform deletes it).
 */
export const deidentificationChecker = defineControl({
  id: ME,
  summary: 'Names each Safe Harbor identifier left in an outbound analytics batch; recalls the batch',
  kind: 'detector',
  reads: ['logs'],
  rules: ['identifiers-in-export'],
  covers: ['analytics-export-identified'],
  start({ estate, raise }) {
    return {
      onEvent(event) {
        if (event.system !== 'integration' || event.action !== 'analytics.export') return;
        if (event.outcome !== 'success' || !event.resource.id) return;
        const batch = estate.analytics.outbound.get(event.resource.id);
        if (!batch) return;
        const survivors = survivingIdentifiers(batch.columns, batch.rows);
        if (survivors.length === 0) return;
        const direct = survivors.some((survivor) => !QUASI.has(survivor.letter));
        const text = batch.rows.map((row) => row.join(',')).join('\n');
        raise({
          rule: 'identifiers-in-export',
          severity: direct ? 'critical' : 'high',
          summary: `batch ${batch.batchId} to ${event.detail?.destination} (${batch.rows.length} rows) is not de-identified: ${survivors
            .map((survivor) => `${survivor.identifier} (${survivor.letter}) in ${survivor.column}`)
            .join('; ')}`,
          patientIds: patientIdsInText(text),
          evidence: [event.id],
          ...(event.correlationId ? { correlationId: event.correlationId } : {}),
        });
        void estate.analytics.recall(batch.batchId, RESPONDER, {
          sourceIp: EXPORT_HOST_IP,
          requestId: estate.context.nextId('req'),
        });
      },
    };
  },
});
