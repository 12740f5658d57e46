import { describe, expect, it } from 'vitest';
import { crmFixture } from './crm-fixture.ts';

const q = (soql: string) => `query?q=${encodeURIComponent(soql)}`;

async function setup(patients = 5) {
  const f = crmFixture(patients);
  const { access_token: sync } = await f.login('sync@clinic.example.org', 'sync-pass-1');
  const { access_token: desk } = await f.login('desk@clinic.example.org', 'desk-pass-1');
  return { ...f, sync: sync!, desk: desk! };
}

describe('CRM REST: describe', () => {
  it('describes Account fields from the field table, with MRN__c as an external id', async () => {
    const f = await setup(0);
    const body = (await (await f.api('sobjects/account/describe', f.sync)).json()) as {
      name: string;
      keyPrefix: string;
      fields: Array<Record<string, unknown>>;
    };
    expect(body.name).toBe('Account');
    expect(body.keyPrefix).toBe('001');
    const mrn = body.fields.find((field) => field.name === 'MRN__c');
    expect(mrn).toMatchObject({
      type: 'string',
      label: 'MRN',
      externalId: true,
      createable: true,
      filterable: true,
    });
    expect(body.fields.find((field) => field.name === 'Id')).toMatchObject({
      createable: false,
      updateable: false,
    });
    expect(body.fields.map((field) => field.name)).toEqual(
      expect.arrayContaining(['SSN__c', 'FHIR_Patient_Id__c', 'PersonBirthdate', 'IsPersonAccount']),
    );
  });

  it('lists objects in the global describe and 404s an unknown object', async () => {
    const f = await setup(0);
    const global = (await (await f.api('sobjects', f.sync)).json()) as { sobjects: Array<{ name: string }> };
    expect(global.sobjects.map((o) => o.name)).toEqual([
      'Account',
      'Contact',
      'Case',
      'Task',
      'User',
      'EventLogFile',
      'OauthToken',
      'FieldPermissions',
      'ContentDocument',
      'ContentVersion',
      'ContentDistribution',
      'Lead',
    ]);
    const missing = await f.api('sobjects/Patient__c/describe', f.sync);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject([{ errorCode: 'NOT_FOUND' }]);
  });

  it('lists API versions without a session', async () => {
    const f = await setup(0);
    const versions = (await (await f.fetch('/services/data/')).json()) as Array<Record<string, string>>;
    expect(versions.at(-1)).toEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
  });

  it('accepts any vNN.N version but not a malformed one', async () => {
    const f = await setup(0);
    expect(
      (await f.fetch('/services/data/v58.0/sobjects', { headers: { authorization: `Bearer ${f.sync}` } }))
        .status,
    ).toBe(200);
    expect(
      (await f.fetch('/services/data/66/sobjects', { headers: { authorization: `Bearer ${f.sync}` } }))
        .status,
    ).toBe(404);
  });
});

describe('CRM REST: records', () => {
  it('creates, retrieves with ?fields=, updates and deletes a Case', async () => {
    const f = await setup(1);
    const created = await f.api('sobjects/Case', f.sync, {
      method: 'POST',
      body: JSON.stringify({
        Subject: 'Notify patient',
        Status: 'New',
        Due_Date__c: '2026-05-01T14:00:00.000+0000',
      }),
    });
    expect(created.status).toBe(201);
    const { id, success, errors } = (await created.json()) as {
      id: string;
      success: boolean;
      errors: unknown[];
    };
    expect(id).toMatch(/^500[0-9A-Za-z]{15}$/);
    expect([success, errors]).toEqual([true, []]);

    const fetched = await f.api(`sobjects/Case/${id}?fields=Subject,status`, f.sync);
    expect(await fetched.json()).toEqual({
      attributes: { type: 'Case', url: `/services/data/v66.0/sobjects/Case/${id}` },
      Subject: 'Notify patient',
      Status: 'New',
    });

    const patched = await f.api(`sobjects/Case/${id}`, f.sync, {
      method: 'PATCH',
      body: JSON.stringify({ Status: 'Closed' }),
    });
    expect(patched.status).toBe(204);
    expect(f.state.get('Case', id)?.Status).toBe('Closed');

    expect((await f.api(`sobjects/Case/${id}`, f.sync, { method: 'DELETE' })).status).toBe(204);
    expect((await f.api(`sobjects/Case/${id}`, f.sync)).status).toBe(404);
    const all = (await (
      await f.api(`queryAll?q=${encodeURIComponent('SELECT Id, IsDeleted FROM Case')}`, f.sync)
    ).json()) as {
      records: Array<{ IsDeleted: boolean }>;
    };
    expect(all.records.map((r) => r.IsDeleted)).toEqual([true]);
  });

  it.each([
    [{ Subject: 'x', Bogus__c: 1 }, 400, 'INVALID_FIELD'],
    [{ Subject: 'x', CreatedDate: '2020-01-01T00:00:00.000+0000' }, 400, 'INVALID_FIELD_FOR_INSERT_UPDATE'],
    [{ Subject: 'x'.repeat(256) }, 400, 'STRING_TOO_LONG'],
  ])('rejects the create body %j with %i %s', async (body, status, errorCode) => {
    const f = await setup(0);
    const response = await f.api('sobjects/Case', f.sync, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject([{ errorCode, message: expect.any(String) }]);
  });

  it('accepts a Person Account as integrations send it, and refuses one without LastName', async () => {
    const f = await setup(0);
    const person = {
      IsPersonAccount: true,
      FirstName: 'Ivy',
      LastName: 'Zztest',
      PersonMailingCountry: 'US',
    };
    const created = await f.api('sobjects/Account', f.sync, { method: 'POST', body: JSON.stringify(person) });
    const { id } = (await created.json()) as { id: string };
    expect(f.state.get('Account', id)).toMatchObject({ Name: 'Ivy Zztest', IsPersonAccount: true });
    const nameless = await f.api('sobjects/Account', f.sync, {
      method: 'POST',
      body: JSON.stringify({ IsPersonAccount: true, Name: 'Clinic' }),
    });
    expect(await nameless.json()).toMatchObject([
      { errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] },
    ]);
  });

  it('attributes a patient Contact to its FHIR patient in telemetry', async () => {
    const f = await setup(0);
    const contact = {
      LastName: 'Zztest',
      MRN__c: 'ZZTEST-1',
      FHIR_Patient_Id__c: 'zz-0000042',
      MailingCountry: 'US',
    };
    await f.api('sobjects/Contact', f.sync, { method: 'POST', body: JSON.stringify(contact) });
    expect(f.events.at(-1)).toMatchObject({ action: 'sf.create', patientIds: ['zz-0000042'] });
  });

  it('requires LastName on a Contact', async () => {
    const f = await setup(0);
    const response = await f.api('sobjects/Contact', f.sync, {
      method: 'POST',
      body: JSON.stringify({ FirstName: 'A' }),
    });
    expect(await response.json()).toEqual([
      {
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [LastName]',
        fields: ['LastName'],
      },
    ]);
  });

  it('upserts on MRN__c: 201 when created, 200 created:false when it exists', async () => {
    const f = await setup(1);
    const existing = f.accounts[0]!;
    const update = await f.api(`sobjects/Account/MRN__c/${existing.MRN__c}`, f.sync, {
      method: 'PATCH',
      body: JSON.stringify({ Primary_Diagnosis__c: 'I10' }),
    });
    expect(update.status).toBe(200);
    expect(await update.json()).toEqual({ id: existing.Id, success: true, errors: [], created: false });
    expect(f.state.get('Account', String(existing.Id))?.Primary_Diagnosis__c).toBe('I10');

    const create = await f.api('sobjects/Account/MRN__c/ZZTEST-99999999', f.sync, {
      method: 'PATCH',
      body: JSON.stringify({ LastName: 'Newpatient', FHIR_Patient_Id__c: 'zz-9999999' }),
    });
    expect(create.status).toBe(201);
    const { id, created } = (await create.json()) as { id: string; created: boolean };
    expect(created).toBe(true);
    expect(f.state.get('Account', id)).toMatchObject({
      MRN__c: 'ZZTEST-99999999',
      IsPersonAccount: true,
      Name: 'Newpatient',
    });
    expect(f.events.at(-1)).toMatchObject({ action: 'sf.upsert', patientIds: ['zz-9999999'] });
  });

  it('refuses upsert on a field that is not an external id', async () => {
    const f = await setup(1);
    const response = await f.api('sobjects/Account/SSN__c/000-00-1000', f.sync, {
      method: 'PATCH',
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject([{ errorCode: 'NOT_FOUND' }]);
  });
});

describe('CRM REST: query', () => {
  it('returns records with attributes and canonical field names', async () => {
    const f = await setup(3);
    const response = await f.api(q('select id, mrn__c from account order by MRN__c limit 2'), f.sync);
    const body = (await response.json()) as {
      totalSize: number;
      done: boolean;
      records: Array<Record<string, unknown>>;
    };
    expect(body.totalSize).toBe(2);
    expect(body.done).toBe(true);
    expect(body.records[0]).toEqual({
      attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${f.accounts[0]!.Id}` },
      Id: f.accounts[0]!.Id,
      MRN__c: 'ZZTEST-00000000',
    });
  });

  it('counts with COUNT()', async () => {
    const f = await setup(4);
    const body = (await (await f.api(q('SELECT COUNT() FROM Account'), f.sync)).json()) as Record<
      string,
      unknown
    >;
    expect(body).toEqual({ totalSize: 4, done: true, records: [] });
  });

  it.each([
    ['SELECT Id FROM Account WHERE', 'MALFORMED_QUERY', /Row:1:Column:29/],
    ['SELECT Id, SSN FROM Account', 'INVALID_FIELD', /No such column 'SSN'/],
    ['SELECT Id FROM Patient', 'INVALID_TYPE', /Patient/],
  ])('answers 400 for %s', async (soql, errorCode, message) => {
    const f = await setup(0);
    const response = await f.api(q(soql), f.sync);
    expect(response.status).toBe(400);
    const [error] = (await response.json()) as Array<{ errorCode: string; message: string }>;
    expect(error!.errorCode).toBe(errorCode);
    expect(error!.message).toMatch(message);
  });

  it('pages with nextRecordsUrl at the Sforce-Query-Options batch size', async () => {
    const f = await setup(450);
    const first = await f.api(q('SELECT Id FROM Account'), f.sync, {
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    const page1 = (await first.json()) as {
      totalSize: number;
      done: boolean;
      nextRecordsUrl: string;
      records: unknown[];
    };
    expect(page1).toMatchObject({ totalSize: 450, done: false });
    expect(page1.records).toHaveLength(200);
    expect(page1.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/query\/01g[0-9A-Za-z]{15}-200$/);
    const page2 = (await (
      await f.fetch(page1.nextRecordsUrl, { headers: { authorization: `Bearer ${f.sync}` } })
    ).json()) as typeof page1;
    expect(page2.records).toHaveLength(200);
    const page3 = (await (
      await f.fetch(page2.nextRecordsUrl, { headers: { authorization: `Bearer ${f.sync}` } })
    ).json()) as typeof page1;
    expect(page3).toMatchObject({ done: true });
    expect(page3.records).toHaveLength(50);
    expect(page3.nextRecordsUrl).toBeUndefined();
    const otherUser = await f.fetch(page1.nextRecordsUrl, { headers: { authorization: `Bearer ${f.desk}` } });
    expect(await otherUser.json()).toMatchObject([{ errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });

  it('defaults to 2000-record batches and clamps tiny batch sizes to 200', async () => {
    const f = await setup(2100);
    const big = (await (await f.api(q('SELECT Id FROM Account'), f.sync)).json()) as { records: unknown[] };
    expect(big.records).toHaveLength(2000);
    const clamped = (await (
      await f.api(q('SELECT Id FROM Account'), f.sync, { headers: { 'Sforce-Query-Options': 'batchSize=5' } })
    ).json()) as { records: unknown[] };
    expect(clamped.records).toHaveLength(200);
  });
});

describe('CRM REST: sharing and permissions', () => {
  it('shows a Standard user only the Accounts it owns or that are shared with it', async () => {
    const f = await setup(3);
    f.state.share(String(f.accounts[1]!.Id), f.frontDesk.id);
    const own = await f.api('sobjects/Account', f.desk, {
      method: 'POST',
      body: JSON.stringify({ LastName: 'Walkin' }),
    });
    const { id } = (await own.json()) as { id: string };
    const body = (await (await f.api(q('SELECT Id FROM Account'), f.desk)).json()) as {
      records: Array<{ Id: string }>;
    };
    expect(body.records.map((r) => r.Id).sort()).toEqual([String(f.accounts[1]!.Id), id].sort());
    const all = (await (await f.api(q('SELECT COUNT() FROM Account'), f.sync)).json()) as {
      totalSize: number;
    };
    expect(all.totalSize).toBe(4);
  });

  it('answers 403 INSUFFICIENT_ACCESS when a Standard user retrieves a record it cannot see', async () => {
    const f = await setup(1);
    const response = await f.api(`sobjects/Account/${f.accounts[0]!.Id}`, f.desk);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject([{ errorCode: 'INSUFFICIENT_ACCESS' }]);
    expect(f.events.at(-1)).toMatchObject({ action: 'sf.retrieve', outcome: 'denied', patientIds: [] });
    f.state.share(String(f.accounts[0]!.Id), f.frontDesk.id);
    expect((await f.api(`sobjects/Account/${f.accounts[0]!.Id}`, f.desk)).status).toBe(200);
  });

  it('refuses API access to a user without ApiEnabled', async () => {
    const f = await setup(0);
    f.state.addUser({
      username: 'nurse@clinic.example.org',
      password: 'nurse-pass',
      name: 'Nina Nurse',
      profile: 'Clinical',
      userType: 'Standard',
      permissions: [],
    });
    const { access_token } = await f.login('nurse@clinic.example.org', 'nurse-pass');
    const response = await f.api('sobjects', access_token!);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject([{ errorCode: 'API_CURRENTLY_DISABLED' }]);
  });
});

describe('CRM write faults', () => {
  it('fails writes after N successes with 503 SERVER_UNAVAILABLE until cleared', async () => {
    const f = await setup(3);
    f.state.faults.set({ failWritesAfter: 2 });
    const write = (i: number) =>
      f.api(`sobjects/Account/${f.accounts[i]!.Id}`, f.sync, {
        method: 'PATCH',
        body: JSON.stringify({ Phone: `555010${i}` }),
      });
    expect((await write(0)).status).toBe(204);
    expect((await write(1)).status).toBe(204);
    const failed = await write(2);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject([{ errorCode: 'SERVER_UNAVAILABLE' }]);
    expect(f.state.get('Account', String(f.accounts[2]!.Id))?.Phone).toBeNull();
    expect(() => f.state.insert('Case', { Subject: 'in-process too' })).toThrow(/temporarily unable/);
    f.state.faults.clear();
    expect((await write(2)).status).toBe(204);
  });

  it('uses the configured status and error code', async () => {
    const f = await setup(1);
    f.state.faults.set({ failWritesAfter: 0, status: 500, errorCode: 'UNABLE_TO_LOCK_ROW' });
    const response = await f.api('sobjects/Case', f.sync, {
      method: 'POST',
      body: JSON.stringify({ Subject: 'x' }),
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject([{ errorCode: 'UNABLE_TO_LOCK_ROW' }]);
  });
});
