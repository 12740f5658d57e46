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
});
