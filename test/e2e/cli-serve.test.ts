import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Client } from 'fhir-kit-client';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirClientToken } from '../support/smart-token.ts';

interface ServeInfo {
  baseUrl: string;
  fhir: string;
  salesforce: { loginUrl: string; apiVersion: string };
  salesforceApp: { clientId: string; clientSecret: string };
  salesforceUser: { username: string; password: string };
  salesforceSecurityAnalyst: { username: string; password: string };
  fhirClient: { clientId: string; clientSecret: string; tokenUrl: string };
  portalUser: { username: string; password: string };
}

/** `phi-drill serve` as a separate process, driven by the official client libraries over loopback. */
describe('phi-drill serve with the official clients', () => {
  let child: ChildProcess;
  let info: ServeInfo;

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      ['bin/phi-drill.mjs', 'serve', '--json', '--patients', '60', '--seed', '5'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout! });
    info = JSON.parse(await new Promise<string>((resolve) => lines.once('line', resolve))) as ServeInfo;
  });

  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('binds loopback only and prints what a client needs', () => {
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.salesforceUser.username).toMatch(/@clinic\.example\.org$/);
  });

  it('jsforce logs in with the OAuth password flow and queries Person Accounts across pages', async () => {
    const conn = new Connection({
      oauth2: {
        loginUrl: info.salesforce.loginUrl,
        clientId: info.salesforceApp.clientId,
        clientSecret: info.salesforceApp.clientSecret,
      },
      version: info.salesforce.apiVersion,
    });
    await conn.login(info.salesforceUser.username, info.salesforceUser.password);
    const result = await conn.query<{ MRN__c: string }>(
      "SELECT Id, MRN__c FROM Account WHERE MRN__c LIKE 'ZZTEST-%' ORDER BY MRN__c LIMIT 3",
    );
    expect(result.records.map((r) => r.MRN__c)).toEqual([
      'ZZTEST-00000000',
      'ZZTEST-00000001',
      'ZZTEST-00000002',
    ]);
    const described = await conn.sobject('Account').describe();
    const fields = described.fields.map((field) => field.name);
    expect(fields).toContain('MRN__c');
    // Field-level security hides the SSN from the front-desk profile.
    expect(fields).not.toContain('SSN__c');
  });

  // EventLogFile needs View Event Log Files and API Enabled (Salesforce Help, "EventLogFile"): the
  // printed analyst can collect logs, the front-desk user cannot.
  it('prints a security-analyst identity that can query EventLogFile, which the front desk cannot', async () => {
    const login = async (user: { username: string; password: string }) => {
      const conn = new Connection({
        oauth2: {
          loginUrl: info.salesforce.loginUrl,
          clientId: info.salesforceApp.clientId,
          clientSecret: info.salesforceApp.clientSecret,
        },
        version: info.salesforce.apiVersion,
      });
      await conn.login(user.username, user.password);
      return conn;
    };
    const soql = 'SELECT Id, EventType, LogDate FROM EventLogFile';
    const analyst = await login(info.salesforceSecurityAnalyst);
    await expect(analyst.query(soql)).resolves.toMatchObject({ done: true });
    const desk = await login(info.salesforceUser);
    await expect(desk.query(soql)).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS' });
  });

  it('fhir-kit-client reads and searches the EHR with a SMART backend token', async () => {
    const access_token = await fhirClientToken(info);
    const client = new Client({ baseUrl: info.fhir, bearerToken: access_token });
    const bundle = (await client.search({
      resourceType: 'Patient',
      searchParams: { _count: 25 },
    })) as unknown as {
      total: number;
      entry: Array<{ resource: { id: string; meta: { security: Array<{ code: string }> } } }>;
    };
    expect(bundle.total).toBe(60);
    expect(bundle.entry[0]!.resource.meta.security.map((s) => s.code)).toContain('HTEST');
    const next = (await client.nextPage({ bundle } as never)) as unknown as { entry: unknown[] };
    expect(next.entry).toHaveLength(25);
    const patient = (await client.read({
      resourceType: 'Patient',
      id: bundle.entry[0]!.resource.id,
    })) as unknown as {
      id: string;
    };
    expect(patient.id).toBe(bundle.entry[0]!.resource.id);
  });

  it('serves the patient portal login over HTTP', async () => {
    const response = await fetch(`${info.baseUrl}/portal/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(info.portalUser),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(
      /^portal_session=[0-9a-f]+; Path=\/portal; HttpOnly; Secure/,
    );
  });
});
