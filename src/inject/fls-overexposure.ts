import { z } from 'zod';
import { changeFieldRead } from '../estate/crm/field-read-change.ts';
import { passwordGrant, requestToken } from '../estate/token-request.ts';
import { workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const PROFILE = 'Front Desk';
const DESK_BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

type AccountRow = Record<string, unknown> & { Id: string; FHIR_Patient_Id__c?: string | null };

/**
 * A profile change grants the Front Desk read access to clinical fields (field-level security). A
 * front-desk user builds a list of dozens of patients with their diagnoses, then opens a few records
 * one by one: each read discloses more than scheduling needs (164.502(b)).
 */
export const flsOverexposure = defineInjector({
  id: 'fls-overexposure',
  summary: 'Field-level security lets the Front Desk profile read diagnoses; a front-desk user reads dozens',
  attack: ['T1213'],
  hipaa: ['164.502(b)', '164.514(d)', '164.308(a)(4)', '164.312(a)(1)'],
  dossier: {
    dossier: 'immediate-action',
    failure:
      'Field-level security misconfigurations in Patient object layouts expose sensitive diagnosis codes',
  },
  detection:
    'Sensitive fields (diagnosis, SSN) read by a profile the minimum-necessary policy does not entitle',
  params: z.strictObject({
    fields: z
      .array(z.enum(['Primary_Diagnosis__c', 'SSN__c']))
      .min(1)
      .default(['Primary_Diagnosis__c'])
      .describe('Account fields the misconfigured profile can now read'),
    patients: z.int().min(1).max(2000).default(40).describe('Rows in the front-desk list query'),
    opens: z.int().min(0).max(50).default(5).describe('Records the user then opens one by one'),
    openIntervalSeconds: z.int().min(1).max(3600).default(120).describe('Pause between record opens'),
  }),
  conditions: ['fls-restored'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    // The misconfiguration is an administrator's save in Setup, so it leaves a Setup Audit Trail row.
    const admin = estate.credentials.crm.admin;
    const adminUser = estate.crm.state.auth.userByName(admin.username)!;
    const granted = params.fields.filter((field) =>
      changeFieldRead(estate.crm.state, {
        profile: PROFILE,
        object: 'Account',
        field,
        read: true,
        actor: { id: adminUser.id, type: 'admin', name: admin.name },
        caller: {
          sourceIp: workstationIp(10 + admin.seat),
          userAgent: DESK_BROWSER,
          requestId: estate.context.nextId('req'),
          correlationId,
        },
      }),
    );
    const user = estate.credentials.crm.frontDesk[0]!;
    const app = estate.credentials.crm.consoleApp;
    const headers = {
      'x-forwarded-for': workstationIp(10 + user.seat),
      'user-agent': `${DESK_BROWSER} (${correlationId})`,
    };
    const login = await requestToken(fetch, '/services/oauth2/token', passwordGrant(app, user), headers);
    if (!login.ok) throw new Error(`front-desk login failed (HTTP ${login.status})`);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const auth = { ...headers, authorization: `Bearer ${token}` };
    // Only rows that came back with a sensitive value disclosed anything.
    const disclose = (rows: readonly AccountRow[]) =>
      exposed(
        rows
          .filter((row) => params.fields.some((field) => row[field] !== undefined && row[field] !== null))
          .flatMap((row) => (typeof row.FHIR_Patient_Id__c === 'string' ? [row.FHIR_Patient_Id__c] : [])),
      );
    const columns = [
      'Id',
      'FirstName',
      'LastName',
      'PersonBirthdate',
      'FHIR_Patient_Id__c',
      ...params.fields,
    ];
    const soql = `SELECT ${columns.join(', ')} FROM Account ORDER BY LastName LIMIT ${params.patients}`;
    const base = `/services/data/v${estate.crmApiVersion}`;
    const list = await fetch(`${base}/query?q=${encodeURIComponent(soql)}`, { headers: auth });
    const rows = list.ok ? ((await list.json()) as { records: AccountRow[] }).records : [];
    disclose(rows);
    rows.slice(0, params.opens).forEach((row, index) => {
      later((index + 1) * params.openIntervalSeconds * 1000, 'fls-overexposure: open record', async () => {
        const record = await fetch(`${base}/sobjects/Account/${row.Id}`, { headers: auth });
        if (record.ok) disclose([(await record.json()) as AccountRow]);
      });
    });
    return {
      probes: {
        'fls-restored': () =>
          params.fields.every((field) => !estate.crm.state.fieldSecurity.canRead(PROFILE, 'Account', field)),
      },
      revert() {
        for (const field of granted) estate.crm.state.fieldSecurity.revokeRead(PROFILE, 'Account', field);
      },
    };
  },
});
