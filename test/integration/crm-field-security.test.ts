import { describe, expect, it } from 'vitest';
import { crmFixture } from './crm-fixture.ts';

const q = (soql: string) => `query?q=${encodeURIComponent(soql)}`;

/** The fixture org with the front desk sharing every patient account, as the estate's sharing rule does. */
async function setup() {
  const f = crmFixture(3);
  for (const account of f.accounts) f.state.share(account.Id as string, f.frontDesk.id);
  const { access_token: desk } = await f.login('desk@clinic.example.org', 'desk-pass-1');
  const { access_token: admin } = await f.login('admin@clinic.example.org', 'admin-pass-1');
  return { ...f, desk: desk!, admin: admin! };
}

describe('CRM field-level security', () => {
  it('answers INVALID_FIELD, located, when the front desk selects a diagnosis, as for a field that does not exist', async () => {
    const f = await setup();
    const response = await f.api(q('SELECT Id, Primary_Diagnosis__c FROM Account'), f.desk);
    expect(response.status).toBe(400);
    const [error] = (await response.json()) as Array<{ errorCode: string; message: string }>;
    expect(error!.errorCode).toBe('INVALID_FIELD');
    expect(error!.message).toContain("No such column 'Primary_Diagnosis__c' on entity 'Account'");
    expect(error!.message).toContain('ERROR at Row:1:Column:12');
  });

  it('refuses a hidden field in WHERE and ORDER BY too, so it cannot be probed by filtering', async () => {
    const f = await setup();
    const filtered = await f.api(q("SELECT Id FROM Account WHERE SSN__c = '000-00-1000'"), f.desk);
    const sorted = await f.api(q('SELECT Id FROM Account ORDER BY SSN__c'), f.desk);
    expect([filtered.status, sorted.status]).toEqual([400, 400]);
  });

  it('lets the front desk run its everyday lookup, and the admin read the diagnosis', async () => {
    const f = await setup();
    const lookup = await f.api(q('SELECT Id, FirstName, LastName FROM Account'), f.desk);
    expect(lookup.status).toBe(200);
    const admin = await f.api(q('SELECT Id, Primary_Diagnosis__c FROM Account'), f.admin);
    const body = (await admin.json()) as { records: Array<Record<string, unknown>> };
    expect(body.records.map((r) => r.Primary_Diagnosis__c)).toEqual(['E11.9', 'E11.9', 'E11.9']);
  });

  it('leaves hidden fields out of a retrieve and refuses them when asked for by name', async () => {
    const f = await setup();
    const id = f.accounts[0]!.Id as string;
    const record = (await (await f.api(`sobjects/Account/${id}`, f.desk)).json()) as Record<string, unknown>;
    expect(record.LastName).toBe('Zztest0000');
    expect(record).not.toHaveProperty('Primary_Diagnosis__c');
    expect(record).not.toHaveProperty('SSN__c');
    const named = await f.api(`sobjects/Account/${id}?fields=LastName,SSN__c`, f.desk);
    expect(named.status).toBe(400);
    expect(await named.json()).toMatchObject([{ errorCode: 'INVALID_FIELD' }]);
  });

  it('leaves hidden fields out of describe', async () => {
    const f = await setup();
    const body = (await (await f.api('sobjects/Account/describe', f.desk)).json()) as {
      fields: Array<{ name: string }>;
    };
    const names = body.fields.map((field) => field.name);
    expect(names).toContain('LastName');
    expect(names).not.toContain('Primary_Diagnosis__c');
  });

  it('leaves hidden columns out of a report the front desk runs', async () => {
    const f = await setup();
    const report = f.state.addReport({
      name: 'Diagnoses',
      soql: 'SELECT Id, LastName, Primary_Diagnosis__c FROM Account',
    });
    const desk = (await (await f.api(`analytics/reports/${report.id}`, f.desk)).json()) as {
      reportMetadata: { detailColumns: string[] };
    };
    expect(desk.reportMetadata.detailColumns).toEqual(['Account.Id', 'Account.LastName']);
    const admin = (await (await f.api(`analytics/reports/${report.id}`, f.admin)).json()) as typeof desk;
    expect(admin.reportMetadata.detailColumns).toContain('Account.Primary_Diagnosis__c');
  });

  it('grants a field to a profile and restores the previous setting', async () => {
    const f = await setup();
    const restore = f.state.fieldSecurity.grantRead('Front Desk', 'Account', 'Primary_Diagnosis__c');
    const granted = await f.api(q('SELECT Id, Primary_Diagnosis__c FROM Account'), f.desk);
    expect(granted.status).toBe(200);
    const events = f.events.filter((event) => event.action === 'sf.query' && event.outcome === 'success');
    expect(events.at(-1)!.fields).toEqual(['Id', 'Primary_Diagnosis__c']);
    restore();
    expect((await f.api(q('SELECT Id, Primary_Diagnosis__c FROM Account'), f.desk)).status).toBe(400);
    expect(f.state.fieldSecurity.canRead('Front Desk', 'Account', 'SSN__c')).toBe(false);
  });
});
