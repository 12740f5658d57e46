import { describe, expect, it } from 'vitest';
import { crmFixture } from './crm-fixture.ts';

// Behaviour checked against the REST API Developer Guide (developer.salesforce.com/docs/atlas.en-us.api_rest.meta):
// "Limits", "Response Headers" (Sforce-Limit-Info), "Versions", "sObject Describe" (DescribeSObjectResult,
// Field and ChildRelationship properties) and the SOAP API "Field Types" list.

async function setup(patients = 3) {
  const f = crmFixture(patients);
  const { access_token: sync } = await f.login('sync@clinic.example.org', 'sync-pass-1');
  return { ...f, sync: sync! };
}

type Describe = {
  fields: Array<{ name: string; type: string; soapType: string; relationshipName: string | null }>;
  childRelationships: Array<{ childSObject: string; field: string; relationshipName: string | null }>;
};

async function describeOf(f: Awaited<ReturnType<typeof setup>>, object: string): Promise<Describe> {
  return (await (await f.api(`sobjects/${object}/describe`, f.sync)).json()) as Describe;
}

/** Field types and their SOAP types as the SOAP API Developer Guide's "Field Types" and "Primitive Data Types" list them. */
const DOCUMENTED_SOAP_TYPE: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  base64: 'xsd:base64Binary',
};

describe('Salesforce REST: limits', () => {
  it('answers /limits with DailyApiRequests spent by the calls made, as the Limits resource documents', async () => {
    const f = await setup();
    const max = f.state.limits.config.allocation.requests;
    await f.api('sobjects', f.sync);
    const response = await f.api('limits', f.sync);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, { Max: number; Remaining: number }>;
    expect(body.DailyApiRequests).toEqual({ Max: max, Remaining: max - 2 });
    for (const limit of Object.values(body)) expect(limit.Remaining).toBeLessThanOrEqual(limit.Max);
  });

  it('sends Sforce-Limit-Info: api-usage=n/m on REST responses, errors included', async () => {
    const f = await setup();
    const max = f.state.limits.config.allocation.requests;
    const first = await f.api('sobjects', f.sync);
    expect(first.headers.get('sforce-limit-info')).toBe(`api-usage=1/${max}`);
    const missing = await f.api('sobjects/Nope__c/describe', f.sync);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('sforce-limit-info')).toBe(`api-usage=2/${max}`);
  });

  it('reports usage consistent with REQUEST_LIMIT_EXCEEDED once the allocation is spent', async () => {
    const f = await setup();
    f.state.limits.config.allocation.requests = 3;
    f.state.limits.config.throttle.enabled = false;
    await f.api('sobjects', f.sync);
    await f.api('sobjects', f.sync);
    const limits = (await (await f.api('limits', f.sync)).json()) as Record<string, { Remaining: number }>;
    expect(limits.DailyApiRequests?.Remaining).toBe(0);
    const refused = await f.api('sobjects', f.sync);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject([{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=3/3');
  });
});

describe('Salesforce REST: versions', () => {
  it('lists the versions at /services/data/ and /services/data alike, without a session', async () => {
    const f = await setup(0);
    for (const path of ['/services/data/', '/services/data']) {
      const response = await f.fetch(path);
      expect(response.status, path).toBe(200);
      const versions = (await response.json()) as Array<{ version: string }>;
      expect(versions.at(-1)?.version, path).toBe('66.0');
    }
  });
});

describe('Salesforce REST: describe', () => {
  it('names every lookup relationship as SOQL does (Account, Owner, CreatedBy, Who, What)', async () => {
    const f = await setup(0);
    const task = await describeOf(f, 'Task');
    const named = Object.fromEntries(task.fields.map((field) => [field.name, field.relationshipName]));
    expect(named).toMatchObject({
      WhoId: 'Who',
      WhatId: 'What',
      OwnerId: 'Owner',
      CreatedById: 'CreatedBy',
      LastModifiedById: 'LastModifiedBy',
      Subject: null,
    });
    const contact = await describeOf(f, 'Contact');
    expect(contact.fields.find((field) => field.name === 'AccountId')?.relationshipName).toBe('Account');
  });

  it("lists an object's child relationships (Account → Contacts, Cases, Tasks)", async () => {
    const f = await setup(0);
    const account = await describeOf(f, 'Account');
    const named = account.childRelationships.filter((r) => r.relationshipName !== null);
    expect(named).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          childSObject: 'Contact',
          field: 'AccountId',
          relationshipName: 'Contacts',
        }),
        expect.objectContaining({ childSObject: 'Case', field: 'AccountId', relationshipName: 'Cases' }),
        expect.objectContaining({ childSObject: 'Task', field: 'WhatId', relationshipName: 'Tasks' }),
      ]),
    );
  });

  it('types EventLogFile.LogFile as base64 and lists no field twice on any object', async () => {
    const f = await setup(0);
    const elf = await describeOf(f, 'EventLogFile');
    expect(elf.fields.find((field) => field.name === 'LogFile')).toMatchObject({
      type: 'base64',
      soapType: 'xsd:base64Binary',
    });
    const global = (await (await f.api('sobjects', f.sync)).json()) as { sobjects: Array<{ name: string }> };
    for (const { name } of global.sobjects) {
      const described = await describeOf(f, name);
      const names = described.fields.map((field) => field.name);
      expect(names.length, name).toBe(new Set(names).size);
      for (const field of described.fields) {
        expect(DOCUMENTED_SOAP_TYPE[field.type], `${name}.${field.name}`).toBe(field.soapType);
        expect(field.relationshipName !== null, `${name}.${field.name}`).toBe(field.type === 'reference');
      }
    }
  });
});

describe('Salesforce REST: person accounts', () => {
  it('returns each person account’s contact from a Contact query, with IsPersonAccount', async () => {
    const f = await setup(2);
    const response = await f.api(
      `query?q=${encodeURIComponent('SELECT Id, AccountId, LastName, IsPersonAccount FROM Contact ORDER BY LastName')}`,
      f.sync,
    );
    const body = (await response.json()) as { totalSize: number; records: Array<Record<string, unknown>> };
    expect(body.totalSize).toBe(2);
    expect(body.records[0]).toMatchObject({
      AccountId: f.accounts[0]!.Id,
      LastName: f.accounts[0]!.LastName,
      IsPersonAccount: true,
    });
    expect(f.state.get('Account', f.accounts[0]!.Id as string)?.PersonContactId).toBe(body.records[0]!.Id);
  });

  it('keeps the contact in step when the person account changes or is deleted', async () => {
    const f = await setup(1);
    const id = f.accounts[0]!.Id as string;
    await f.api(`sobjects/Account/${id}`, f.sync, {
      method: 'PATCH',
      body: JSON.stringify({ LastName: 'Renamed', PersonEmail: 'renamed@example.invalid' }),
    });
    const contactId = f.state.get('Account', id)?.PersonContactId as string;
    expect(f.state.get('Contact', contactId)).toMatchObject({
      LastName: 'Renamed',
      Email: 'renamed@example.invalid',
    });
    await f.api(`sobjects/Account/${id}`, f.sync, { method: 'DELETE' });
    expect(f.state.get('Contact', contactId)).toBeUndefined();
  });
});

// SOQL and SOSL Reference, "Relationship Queries": parent fields by dotted path come back as nested
// records with their own `attributes`; a child subquery comes back as a query result, or null when empty.
describe('Salesforce REST: relationship queries', () => {
  async function query(f: Awaited<ReturnType<typeof setup>>, soql: string) {
    const response = await f.api(`query?q=${encodeURIComponent(soql)}`, f.sync);
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown> & { records: Array<Record<string, unknown>> },
    };
  }

  it('returns parent fields as nested objects with attributes, and null for an empty lookup', async () => {
    const f = await setup(1);
    f.state.insert('Contact', { LastName: 'Orphan' });
    const { body } = await query(
      f,
      'SELECT Id, LastName, Account.Name, Account.MRN__c FROM Contact ORDER BY LastName',
    );
    expect(body.records.map((r) => r.Account)).toEqual([
      null,
      {
        attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${f.accounts[0]!.Id}` },
        Name: `Pat0 ${f.accounts[0]!.LastName}`,
        MRN__c: 'ZZTEST-00000000',
      },
    ]);
  });

  it('filters and sorts on a parent field, and reads a polymorphic What', async () => {
    const f = await setup(3);
    const { body } = await query(f, "SELECT Id FROM Contact WHERE Account.MRN__c = 'ZZTEST-00000001'");
    expect(body.totalSize).toBe(1);
    f.state.insert('Task', { Subject: 'Call back', WhatId: f.accounts[2]!.Id });
    const task = await query(f, 'SELECT Subject, What.Name FROM Task');
    expect(task.body.records[0]).toMatchObject({
      What: { attributes: { type: 'Account' }, Name: f.accounts[2]!.Name },
    });
  });

  it('answers a child subquery with a nested result, null when there are no children', async () => {
    const f = await setup(1);
    f.state.insert('Account', { Name: 'Zztest Clinic Partners' });
    const { body } = await query(
      f,
      'SELECT Name, (SELECT LastName, IsPersonAccount FROM Contacts) FROM Account ORDER BY Name',
    );
    const [person, business] = [
      body.records.find((r) => r.Name !== 'Zztest Clinic Partners')!,
      body.records.find((r) => r.Name === 'Zztest Clinic Partners')!,
    ];
    expect(person.Contacts).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: {
            type: 'Contact',
            url: expect.stringMatching(/^\/services\/data\/v66\.0\/sobjects\/Contact\/003/),
          },
          LastName: f.accounts[0]!.LastName,
          IsPersonAccount: true,
        },
      ],
    });
    expect(business.Contacts).toBeNull();
  });

  it.each([
    [
      'SELECT Id, Acount.Name FROM Contact',
      'INVALID_FIELD',
      "Didn't understand relationship 'Acount' in field path",
    ],
    ['SELECT Id, Account.Nope FROM Contact', 'INVALID_FIELD', "No such column 'Nope' on entity 'Account'"],
    [
      'SELECT Id, (SELECT Id FROM Contactz) FROM Account',
      'INVALID_TYPE',
      "Didn't understand relationship 'Contactz' in FROM part of query call",
    ],
    [
      'SELECT Id, (SELECT Id, (SELECT Id FROM Cases) FROM Contacts) FROM Account',
      'MALFORMED_QUERY',
      'SOQL statements cannot query aggregate relationships more than 1 level away from the root entity object.',
    ],
    [
      'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)',
      'MALFORMED_QUERY',
      'unexpected token',
    ],
  ])('refuses %s with %s in Salesforce’s words', async (soql, errorCode, message) => {
    const f = await setup(1);
    const { status, body } = await query(f, soql);
    expect(status).toBe(400);
    const [error] = body as unknown as Array<{ errorCode: string; message: string }>;
    expect(error).toMatchObject({ errorCode });
    expect(error!.message).toContain(message);
  });
});
