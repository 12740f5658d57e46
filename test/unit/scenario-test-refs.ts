import { z } from 'zod';
import { parseDuration } from '../../src/clock/duration.ts';
import type { ScenarioRefs } from '../../src/scenario/refs.ts';

/** A registry stand-in with the shape of the real one, fixed so fixtures stay stable. */
export const testRefs: ScenarioRefs = {
  injectors: [
    {
      id: 'sync-failure',
      summary: 'The EHR→CRM sync fails mid-batch and leaves PHI in dead-letter and staging stores.',
      params: z.object({ failAfter: z.int().min(0).optional(), batchSize: z.int().min(1).optional() }),
      conditions: ['residue-purged'],
    },
    {
      id: 'oauth-overscope',
      summary: 'An over-scoped connected app pulls the patient table off-hours.',
      params: z.object({ rows: z.int().min(1).optional(), hourLocal: z.int().min(0).max(23).optional() }),
      conditions: ['token-revoked'],
    },
    {
      id: 'portal-session-reuse',
      summary: 'A portal session token is replayed after logout from another address.',
      params: z.object({
        reuseAfter: z
          .string()
          .refine((text) => parseDuration(text) !== undefined, { error: 'expected a duration such as 15m' })
          .optional(),
      }),
      conditions: ['session-terminated'],
    },
  ],
  controls: [
    {
      id: 'sync-residue-scanner',
      summary: 'Scans sync side stores for PHI.',
      rules: ['phi-in-dead-letter', 'phi-in-staging', 'phi-in-error-log'],
    },
    {
      id: 'oauth-scope-anomaly',
      summary: 'Flags over-broad or unusual OAuth grants and pulls.',
      rules: ['third-party-full-scope', 'off-hours-bulk-pull'],
    },
    {
      id: 'portal-session-guard',
      summary: 'Flags portal session reuse.',
      rules: ['reuse-after-logout', 'reuse-after-idle'],
    },
  ],
  trails: [
    {
      id: 'fhir-audit',
      summary: 'FHIR AuditEvent records from the EHR.',
      fields: ['recorded', 'agent.who', 'agent.network.address', 'entity.what', 'outcome'],
    },
    {
      id: 'crm-event-log',
      summary: 'Salesforce EventLogFile rows.',
      fields: [
        'USER_ID',
        'CLIENT_IP',
        'QUERY',
        'ROWS_PROCESSED',
        'TIMESTAMP_DERIVED',
        'REQUEST_ID',
        'CONNECTED_APP_ID',
      ],
    },
    {
      id: 'portal-access-log',
      summary: 'Patient portal access log.',
      fields: ['time', 'session', 'sourceIp', 'userAgent', 'patientId', 'path'],
    },
  ],
};
