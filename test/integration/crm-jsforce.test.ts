import { Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { type LoopbackServer, serveOnLoopback } from '../../src/estate/loopback-server.ts';
import { crmFixture, START } from './crm-fixture.ts';

const HOUR = 3_600_000;

let server: LoopbackServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connect(patients: number) {
  const f = crmFixture(patients);
  server = await serveOnLoopback(createDispatch(() => f.crm.handlers, f.ctx));
  const conn = new Connection({
    oauth2: { loginUrl: server.url, clientId: f.app.clientId, clientSecret: f.app.clientSecret },
    version: '66.0',
  });
  const userInfo = await conn.login('sync@clinic.example.org', 'sync-pass-1');
  return { f, conn, userInfo, url: server.url };
}

describe('jsforce against the simulated CRM over loopback HTTP', () => {
  it('logs in with the OAuth2 password flow and learns the org and user', async () => {
    const { f, conn, userInfo, url } = await connect(0);
    expect(userInfo).toMatchObject({ id: f.integration.id, organizationId: f.state.orgId });
    expect(conn.instanceUrl).toBe(url);
    expect(f.events.find((e) => e.action === 'oauth.token')?.sourceIp).toBe('127.0.0.1');
  });

  it('queries with autoFetch across nextRecordsUrl pages', async () => {
    const { f, conn } = await connect(2300);
    const result = await conn.query('SELECT Id, MRN__c FROM Account ORDER BY MRN__c', {
      autoFetch: true,
      maxFetch: 5000,
    });
    expect(result.totalSize).toBe(2300);
    expect(result.records).toHaveLength(2300);
    expect(result.records[2299]).toMatchObject({ MRN__c: 'ZZTEST-00002299' });
    const queries = f.events.filter((e) => e.action === 'sf.query');
    expect(queries.map((e) => e.rows)).toEqual([2000, 300]);
  });

  it('creates, retrieves, updates and describes Accounts through SObject', async () => {
    const { f, conn } = await connect(0);
    const created = await conn.sobject('Account').create({ LastName: 'Jsforce', MRN__c: 'ZZTEST-77777777' });
    expect(created).toMatchObject({ success: true });
    const id = (created as { id: string }).id;
    const fetched = await conn.sobject('Account').retrieve(id);
    expect(fetched).toMatchObject({ Id: id, Name: 'Jsforce', IsPersonAccount: true });
    const updated = await conn.sobject('Account').update({ Id: id, Primary_Diagnosis__c: 'J45.909' });
    expect(updated).toMatchObject({ id, success: true });
    expect(f.state.get('Account', id)?.Primary_Diagnosis__c).toBe('J45.909');
    const describe = await conn.sobject('Account').describe();
    expect(describe.fields.find((field) => field.name === 'MRN__c')?.externalId).toBe(true);
  });

  it('surfaces CRM errors as jsforce errors carrying the errorCode', async () => {
    const { conn } = await connect(1);
    await expect(conn.query('SELECT Id, Nope FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    await expect(conn.sobject('Account').retrieve('001000000000000AAA')).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
  });

  it('downloads an event log file the way SIEM connectors do', async () => {
    const { f, conn } = await connect(1);
    await conn.query('SELECT Id FROM Account');
    // Hourly files are generated 3–6 h after their hour closes.
    await f.clock.sleepUntil(START + 8 * HOUR);
    const files = await conn.query<{ Id: string; LogFile: string }>(
      "SELECT Id, LogFile FROM EventLogFile WHERE EventType = 'RestApi'",
    );
    // jsforce parses a text/csv body into one object per row, keyed by the header.
    const rows = await conn.request<Array<Record<string, string>>>(files.records[0]!.LogFile);
    expect(rows.map((row) => row.QUERY)).toContain('SELECT Id FROM Account');
    expect(rows[0]).toMatchObject({ EVENT_TYPE: 'RestApi' });
  });

  // REST API Developer Guide, "Limits" and "Response Headers": jsforce reads Sforce-Limit-Info into limitInfo.
  it('reads org limits and tracks api-usage from Sforce-Limit-Info, as usage-aware clients do', async () => {
    const { f, conn } = await connect(1);
    const limits = (await conn.limits()) as { DailyApiRequests: { Max: number; Remaining: number } };
    const max = f.state.limits.config.allocation.requests;
    expect(limits.DailyApiRequests).toEqual({ Max: max, Remaining: max - 1 });
    await conn.query('SELECT Id FROM Account');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 2, limit: max } });
  });

  // REST API Developer Guide, "sObject Describe": lookups carry relationshipName, parents list childRelationships.
  it('describes lookup relationships and child relationships', async () => {
    const { conn } = await connect(0);
    const contact = await conn.sobject('Contact').describe();
    expect(contact.fields.find((field) => field.name === 'AccountId')?.relationshipName).toBe('Account');
    const account = await conn.sobject('Account').describe();
    expect(account.childRelationships.map((r) => r.relationshipName)).toEqual(
      expect.arrayContaining(['Contacts', 'Cases', 'Tasks']),
    );
  });

  // SOQL and SOSL Reference, "Relationship Queries": jsforce hands nested parents and child results through.
  it('runs parent-relationship and child-subquery queries', async () => {
    const { conn, f } = await connect(2);
    const contacts = await conn.query<{ Account: { Name: string } }>(
      'SELECT Id, Account.Name FROM Contact ORDER BY LastName',
    );
    expect(contacts.records.map((r) => r.Account.Name)).toEqual(f.accounts.map((a) => a.Name));
    const accounts = await conn.query<{ Contacts: { totalSize: number; records: Array<{ Id: string }> } }>(
      'SELECT Id, (SELECT Id FROM Contacts) FROM Account',
    );
    expect(accounts.records.map((r) => r.Contacts.totalSize)).toEqual([1, 1]);
  });
});
