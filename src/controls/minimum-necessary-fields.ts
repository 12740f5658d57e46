import { changeFieldRead } from '../estate/crm/field-read-change.ts';
import { defineControl } from './define.ts';
import { MINIMUM_NECESSARY_POLICY, type SensitiveField } from './minimum-necessary-policy.ts';

const READS = new Set(['sf.query', 'sf.retrieve', 'sf.report.run', 'sf.report.export']);

/**
 * Compares every successful CRM read's field list (RestApi `QUERY`/`NUMBER_FIELDS`, ApiEvent
 * `QueriedEntities`) with the minimum-necessary policy: a sensitive field read by a profile the
 * policy does not entitle is a disclosure beyond minimum necessary. Responds by hiding the field
 * from that profile again through field-level security.
 */
export const minimumNecessaryFields = defineControl({
  id: 'minimum-necessary-fields',
  summary:
    'Sensitive CRM fields read by a profile the minimum-necessary policy does not entitle; restores field-level security',
  kind: 'detector',
  reads: ['crm'],
  rules: ['unentitled-field-read'],
  covers: ['fls-overexposure'],
  start({ estate, raise }) {
    const flagged = new Set<string>();
    const policy = new Map<string, SensitiveField[]>();
    for (const entry of MINIMUM_NECESSARY_POLICY.fields) {
      policy.set(entry.object, [...(policy.get(entry.object) ?? []), entry]);
    }
    return {
      onEvent(event) {
        if (event.system !== 'crm' || event.outcome !== 'success' || !READS.has(event.action)) return;
        const sensitive = policy.get(event.resource.type);
        if (!sensitive) return;
        const user = estate.crm.state.auth.users.get(event.actor.id);
        if (!user) return;
        const breached = sensitive.filter(
          (entry) => event.fields.includes(entry.field) && !entry.entitledProfiles.includes(user.profile),
        );
        for (const entry of breached) {
          // Hide the field first, so the next read is already refused.
          changeFieldRead(estate.crm.state, {
            profile: user.profile,
            object: entry.object,
            field: entry.field,
            read: false,
            actor: { id: 'minimum-necessary-fields', type: 'responder', name: 'minimum-necessary-fields' },
          });
          const key = `${user.id}:${entry.object}.${entry.field}`;
          if (flagged.has(key)) continue;
          flagged.add(key);
          raise({
            rule: 'unentitled-field-read',
            severity: 'high',
            summary: `${user.name} (${user.profile}) read ${entry.category} (${entry.object}.${entry.field}) of ${event.patientIds.length} patient(s); ${MINIMUM_NECESSARY_POLICY.citation} entitles only ${entry.entitledProfiles.join(', ')}`,
            patientIds: event.patientIds,
            evidence: [event.id],
            ...(event.correlationId ? { correlationId: event.correlationId } : {}),
          });
        }
      },
    };
  },
});
