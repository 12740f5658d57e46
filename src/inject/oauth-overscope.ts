import { z } from 'zod';
import { documentationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const PULL_FIELDS =
  'Id, FirstName, LastName, PersonBirthdate, SSN__c, MRN__c, Primary_Diagnosis__c, PersonMailingState';

/**
 * A third-party connected app is (mis)configured to hold `full refresh_token` on an integration user
 * with View All Data, and pulls the patient table page by page from an outside address.
 */
export const oauthOverscope = defineInjector({
  id: 'oauth-overscope',
  summary:
    'Third-party connected app holds `full refresh_token` on a View All Data integration user and pulls the patient table',
  attack: ['T1528', 'T1530'],
  hipaa: ['164.502(b)', '164.514(d)', '164.308(a)(4)', '164.312(b)'],
  dossier: {
    dossier: 'immediate-action',
    failure:
      'Salesforce OAuth implementations without proper scoping allow third-party apps excessive PHI access',
  },
  detection: 'Broad OAuth grant to a third-party app; bulk Account reads off-hours from a new address',
  params: z.strictObject({
    rows: z.int().min(1).max(100_000).default(500).describe('Patient rows the app pulls'),
    pageSize: z
      .int()
      .min(200)
      .max(2000)
      .default(200)
      .describe('Rows per query page (Sforce-Query-Options batchSize)'),
    pageIntervalSeconds: z.int().min(1).max(3600).default(30).describe('Pause between pages'),
  }),
  conditions: ['token-revoked'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    const app = estate.credentials.crm.engageApp;
    const user = estate.credentials.crm.engageUser;
    const restore = estate.crmSetAppScopes(app.name, ['full', 'refresh_token']);
    const headers = {
      'x-forwarded-for': documentationIp(2, 77),
      'user-agent': `PatientEngageSync/4.2 (${correlationId})`,
    };
    // The grant happened weeks ago, when an admin re-authorised the app: the token already exists.
    const token = estate.crmIssueToken(app.clientId, user.username, ['full', 'refresh_token']);
    const soql = `SELECT ${PULL_FIELDS} FROM Account ORDER BY MRN__c LIMIT ${params.rows}`;
    const pull = async (path: string) => {
      const response = await fetch(path, {
        headers: {
          ...headers,
          authorization: `Bearer ${token}`,
          'sforce-query-options': `batchSize=${params.pageSize}`,
        },
      });
      if (!response.ok) return;
      const page = (await response.json()) as { records: Array<{ Id: string }>; nextRecordsUrl?: string };
      exposed(estate.crmPatientIdsOf(page.records.map((record) => record.Id)));
      const next = page.nextRecordsUrl;
      if (next) later(params.pageIntervalSeconds * 1000, 'oauth-overscope: next page', () => pull(next));
    };
    await pull(`/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`);
    return {
      probes: { 'token-revoked': () => estate.crmTokenRevoked(token) },
      revert: restore,
    };
  },
});
