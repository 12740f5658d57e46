import { z } from 'zod';
import { documentationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const PULL_FIELDS =
  'Id, FirstName, LastName, PersonBirthdate, SSN__c, MRN__c, Primary_Diagnosis__c, PersonMailingStreet';

/**
 * The sync integration's connected-app secret and user password sit in a config file committed to a
 * repository. Someone outside logs in with them at night from a network the org has never used and
 * pages through the patient table. After each rejected call it tries the leaked secret again, so a
 * rotated secret is what finally locks it out.
 */
export const hardcodedCredentials = defineInjector({
  id: 'hardcoded-credentials',
  summary:
    'Sync integration credentials committed to a config repo are used from an unknown network to pull patients',
  attack: ['T1552.001', 'T1078.004', 'T1530'],
  hipaa: ['164.312(d)', '164.308(a)(5)(ii)(D)', '164.308(a)(5)(ii)(C)', '164.312(b)'],
  dossier: {
    dossier: 'legal-consequences',
    failure: 'Hardcoded API credentials in CRM configuration files accessible via version control',
  },
  detection: 'OAuth login as an integration user from a source address or client never seen in its baseline',
  params: z.strictObject({
    grant: z
      .enum(['client_credentials', 'password'])
      .default('client_credentials')
      .describe('OAuth flow the leaked credentials are used with'),
    rows: z.int().min(1).max(100_000).default(2000).describe('Patient rows the pull asks for'),
    pageSize: z.int().min(200).max(2000).default(200).describe('Rows per query page'),
    pageIntervalSeconds: z.int().min(1).max(3600).default(90).describe('Pause between pages'),
  }),
  conditions: ['sessions-revoked', 'credentials-rotated'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    // What the committed config file holds, copied at the moment it leaked.
    const app = { ...estate.credentials.crm.syncApp };
    const user = { ...estate.credentials.crm.syncUser };
    const headers = {
      'x-forwarded-for': documentationIp(1, 23),
      'user-agent': `python-requests/2.32.3 (${correlationId})`,
    };
    const tokens: string[] = [];
    const login = async (): Promise<string | undefined> => {
      const form: Record<string, string> = {
        grant_type: params.grant,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        ...(params.grant === 'password' ? { username: user.username, password: user.password } : {}),
      };
      const response = await fetch('/services/oauth2/token', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
      if (!response.ok) return undefined;
      const { access_token: token } = (await response.json()) as { access_token: string };
      tokens.push(token);
      return token;
    };
    const pull = async (path: string, token: string, retried = false): Promise<void> => {
      const response = await fetch(path, {
        headers: {
          ...headers,
          authorization: `Bearer ${token}`,
          'sforce-query-options': `batchSize=${params.pageSize}`,
        },
      });
      if (response.status === 401 && !retried) {
        const again = await login();
        if (again) await pull(path, again, true);
        return;
      }
      if (!response.ok) return;
      const page = (await response.json()) as { records: Array<{ Id: string }>; nextRecordsUrl?: string };
      exposed(estate.crmPatientIdsOf(page.records.map((record) => record.Id)));
      const next = page.nextRecordsUrl;
      if (next)
        later(params.pageIntervalSeconds * 1000, 'hardcoded-credentials: next page', () => pull(next, token));
    };
    const token = await login();
    if (!token) throw new Error('the leaked credentials were refused at the first login');
    const soql = `SELECT ${PULL_FIELDS} FROM Account ORDER BY MRN__c LIMIT ${params.rows}`;
    await pull(`/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`, token);
    const crmApp = () => estate.crm.state.auth.appByClientId(app.clientId);
    return {
      probes: {
        'sessions-revoked': () => tokens.every((issued) => estate.crmTokenRevoked(issued)),
        'credentials-rotated': () => crmApp()?.clientSecret !== app.clientSecret,
      },
      revert() {
        // The attacker's sessions are the inject's residue in the estate; end any still live.
        for (const issued of tokens) {
          if (!estate.crmTokenRevoked(issued))
            estate.crm.state.revokeToken(issued, { actor: { id: 'phi-drill', type: 'responder' } });
        }
      },
    };
  },
});
