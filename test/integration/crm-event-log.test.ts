import { describe, expect, it } from 'vitest';
import { EVENT_LOG_HEADERS } from '../../src/estate/crm/index.ts';
import { crmFixture, START } from './crm-fixture.ts';

const HOUR = 3_600_000;

/**
 * Past the generation of every hourly file for the fixture's first hours; sessions have timed out
 * by then, so the caller gets fresh tokens.
 */
async function published(f: Awaited<ReturnType<typeof setup>>) {
  await f.clock.sleepUntil(START + 8 * HOUR);
  const { access_token: sync } = await f.login('sync@clinic.example.org', 'sync-pass-1');
  const { access_token: admin } = await f.login('admin@clinic.example.org', 'admin-pass-1');
  const { access_token: desk } = await f.login('desk@clinic.example.org', 'desk-pass-1');
  return { sync: sync!, admin: admin!, desk: desk! };
}

const q = (soql: string) => `query?q=${encodeURIComponent(soql)}`;

async function setup(patients = 3) {
  const f = crmFixture(patients);
  const { access_token: sync } = await f.login('sync@clinic.example.org', 'sync-pass-1');
  const { access_token: admin } = await f.login('admin@clinic.example.org', 'admin-pass-1');
  return { ...f, sync: sync!, admin: admin! };
}

function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.slice(1, -1).split('","'));
}

describe('CRM event monitoring', () => {
  it('records RestApi and API rows for a query, keyed by the request id', async () => {
    const f = await setup();
    const soql = 'SELECT Id, SSN__c FROM Account';
    await f.api(q(soql), f.sync, {
      headers: { 'x-request-id': 'req-leak-1', 'x-forwarded-for': '203.0.113.7', 'user-agent': 'curl/8' },
    });
    const rows = f.state.eventLog.filter((r) => r.requestId === 'req-leak-1');
    expect(rows.map((r) => r.eventType)).toEqual(['RestApi', 'API']);
    const token = [...f.state.tokens.values()].find((g) => g.userId === f.integration.id)!;
    expect(rows[0]!.fields).toMatchObject({
      EVENT_TYPE: 'RestApi',
      QUERY: soql,
      ROWS_PROCESSED: '3',
      NUMBER_FIELDS: '2',
      ENTITY_NAME: 'Account',
      CLIENT_IP: '203.0.113.7',
      USER_ID: f.integration.id.slice(0, 15),
      USER_ID_DERIVED: f.integration.id,
      CONNECTED_APP_ID: f.app.id.slice(0, 15),
      REQUEST_ID: 'req-leak-1',
      SESSION_KEY: token.sessionKey,
      LOGIN_KEY: token.loginKey,
      URI: '/services/data/v66.0/query',
      METHOD: 'GET',
      STATUS_CODE: '200',
      REQUEST_STATUS: 'S',
      ORGANIZATION_ID: f.state.orgId.slice(0, 15),
      TIMESTAMP: '20260302140000.000',
      TIMESTAMP_DERIVED: '2026-03-02T14:00:00.000Z',
    });
    expect(rows[0]!.fields.USER_AGENT).toMatch(/^\d+$/);
    expect(rows[1]!.fields).toMatchObject({ EVENT_TYPE: 'API', METHOD_NAME: 'query', QUERY: soql });
  });

  it('audits every page of a paged read with its query, as completely as the first', async () => {
    const f = await setup(450);
    const soql = 'SELECT Id, SSN__c FROM Account';
    const headers = (id: string) => ({ 'x-request-id': id, 'sforce-query-options': 'batchSize=200' });
    const first = (await (await f.api(q(soql), f.sync, { headers: headers('page-1') })).json()) as {
      nextRecordsUrl: string;
    };
    const locator = first.nextRecordsUrl.replace(/^\/services\/data\/v[\d.]+\//, '');
    await f.api(locator, f.sync, { headers: headers('page-2') });
    const page2 = f.state.eventLog.filter((r) => r.requestId === 'page-2');
    expect(page2.map((r) => r.eventType)).toEqual(['RestApi', 'API']);
    for (const row of page2) {
      expect(row.fields).toMatchObject({ QUERY: soql, ENTITY_NAME: 'Account', ROWS_PROCESSED: '200' });
    }
    expect(page2[1]!.fields.METHOD_NAME).toBe('queryMore');
  });

  it('marks a failed call F with its status and message', async () => {
    const f = await setup();
    await f.api(q('SELECT Nope FROM Account'), f.sync, { headers: { 'x-request-id': 'req-bad' } });
    const row = f.state.eventLog.find((r) => r.requestId === 'req-bad' && r.eventType === 'RestApi')!;
    expect(row.fields).toMatchObject({ REQUEST_STATUS: 'F', STATUS_CODE: '400' });
    expect(row.fields.EXCEPTION_MESSAGE).toContain("No such column 'Nope'");
  });

  it('records nothing while event monitoring is disabled, and resumes when re-enabled', async () => {
    const f = await setup();
    const before = f.state.eventLog.length;
    f.state.config.eventMonitoring.enabled = false;
    await f.api(q('SELECT Id FROM Account'), f.sync);
    await f.login('sync@clinic.example.org', 'sync-pass-1');
    expect(f.state.eventLog.length).toBe(before);
    f.state.config.eventMonitoring.enabled = true;
    await f.api(q('SELECT Id FROM Account'), f.sync);
    expect(f.state.eventLog.length).toBe(before + 2);
  });

  it('leaves omitted fields out of the rows and empty in the CSV', async () => {
    const f = await setup();
    f.state.config.eventMonitoring.omitFields = ['CLIENT_IP', 'QUERY'];
    await f.api(q('SELECT Id FROM Account'), f.sync, { headers: { 'x-request-id': 'req-degraded' } });
    const row = f.state.eventLog.find((r) => r.requestId === 'req-degraded')!;
    expect(row.fields).not.toHaveProperty('CLIENT_IP');
    expect(row.fields).not.toHaveProperty('QUERY');
    expect(row.fields.USER_ID).toBeDefined();
    await published(f);
    const file = f.state.log.files().find((r) => r.EventType === 'RestApi')!;
    const [header, ...lines] = parseCsv(f.state.log.csv(String(file.Id))!);
    const line = lines.find((l) => l.includes('req-degraded'))!;
    expect(line[header!.indexOf('CLIENT_IP')]).toBe('');
    expect(line[header!.indexOf('QUERY')]).toBe('');
  });

  it('serves Hourly EventLogFile records over SOQL and their CSV with the documented header', async () => {
    const f = await setup();
    await f.api(q('SELECT Id FROM Account'), f.sync);
    const { admin } = await published(f);
    const soql =
      "SELECT Id, EventType, LogDate, Interval, LogFileLength, Sequence, LogFileFieldNames, LogFileFieldTypes FROM EventLogFile WHERE EventType = 'RestApi' AND Interval = 'Hourly'";
    const body = (await (await f.api(q(soql), admin)).json()) as {
      records: Array<Record<string, unknown>>;
    };
    expect(body.records).toHaveLength(1);
    const file = body.records[0]!;
    expect(file).toMatchObject({
      EventType: 'RestApi',
      Interval: 'Hourly',
      LogDate: '2026-03-02T14:00:00.000+0000',
      Sequence: 15,
      LogFileFieldNames: EVENT_LOG_HEADERS.RestApi.join(','),
    });
    expect(String(file.Id)).toMatch(/^0AT/);
    expect(String(file.LogFileFieldTypes).split(',')).toHaveLength(EVENT_LOG_HEADERS.RestApi.length);

    const download = await f.api(`sobjects/EventLogFile/${file.Id}/LogFile`, admin);
    expect(download.headers.get('content-type')).toBe('text/csv');
    const text = await download.text();
    const current = f.state.log.files().find((r) => r.Id === file.Id)!;
    expect(Buffer.byteLength(f.state.log.csv(String(file.Id))!)).toBe(current.LogFileLength);
    const [header, ...lines] = parseCsv(text);
    expect(header).toEqual([...EVENT_LOG_HEADERS.RestApi]);
    expect(text.split('\n')[0]).toBe(EVENT_LOG_HEADERS.RestApi.map((h) => `"${h}"`).join(','));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]![header!.indexOf('QUERY')]).toBe('SELECT Id FROM Account');
    expect(f.events.at(-1)).toMatchObject({ action: 'sf.elf.download', resource: { type: 'EventLogFile' } });
  });

  it('rolls rows into a new hourly file when the hour changes', async () => {
    const f = await setup();
    await f.clock.sleepUntil(Date.parse('2026-03-02T15:10:00Z'));
    await f.api(q('SELECT Id FROM Account'), f.sync);
    await published(f);
    const files = f.state.query(
      "SELECT Id, LogDate FROM EventLogFile WHERE EventType = 'Login' AND Interval = 'Hourly'",
    ).records;
    expect(files.map((r) => r.LogDate)).toEqual(['2026-03-02T14:00:00.000+0000']);
    const rest = f.state.query(
      "SELECT LogDate FROM EventLogFile WHERE EventType = 'RestApi' AND Interval = 'Hourly' ORDER BY LogDate",
    ).records;
    expect(rest.map((r) => r.LogDate)).toEqual(['2026-03-02T15:00:00.000+0000']);
  });

  it('keeps event log files from users without View Event Log Files', async () => {
    const f = await setup();
    const { access_token: desk } = await f.login('desk@clinic.example.org', 'desk-pass-1');
    const response = await f.api(q('SELECT Id FROM EventLogFile'), desk!);
    expect(response.status).toBe(403);
    const fresh = await published(f);
    const file = f.state.log.files()[0]!;
    expect((await f.api(`sobjects/EventLogFile/${file.Id}/LogFile`, fresh.desk)).status).toBe(403);
    expect((await f.api(`sobjects/EventLogFile/${file.Id}/LogFile`, fresh.sync)).status).toBe(200);
  });
});

describe('CRM telemetry', () => {
  it('emits one sf.query event with the patients, fields, rows, session and query', async () => {
    const f = await setup(3);
    const count = f.events.length;
    await f.api(q('SELECT Id, MRN__c FROM Account'), f.sync, { headers: { 'x-request-id': 'req-q' } });
    expect(f.events.length).toBe(count + 1);
    const event = f.events.at(-1)!;
    expect(event).toMatchObject({
      system: 'crm',
      action: 'sf.query',
      actor: { id: f.integration.id, type: 'integration', name: 'EHR Sync' },
      clientApp: 'EHR Sync',
      requestId: 'req-q',
      rows: 3,
      fields: ['Id', 'MRN__c'],
      patientIds: ['zz-0000000', 'zz-0000001', 'zz-0000002'],
      outcome: 'success',
      resource: { type: 'Account' },
      detail: { query: 'SELECT Id, MRN__c FROM Account' },
    });
    expect(event.session).toMatch(/^[\w-]{16}$/);
  });

  it('labels admins and front-desk users', async () => {
    const f = await setup(0);
    const { access_token: desk } = await f.login('desk@clinic.example.org', 'desk-pass-1');
    await f.api('sobjects', desk!);
    await f.api('sobjects', f.admin);
    expect(f.events.slice(-2).map((e) => e.actor.type)).toEqual(['front-desk', 'admin']);
  });

  it('is deterministic for the same seed', async () => {
    const run = async () => {
      const f = await setup(3);
      await f.api(q('SELECT Id, Name FROM Account'), f.sync);
      return JSON.stringify({ events: f.events, log: f.state.eventLog });
    };
    expect(await run()).toBe(await run());
  });
});

describe('CRM report export', () => {
  it('exports a report as CSV and records ReportExport and Report rows', async () => {
    const f = await setup(4);
    const report = f.state.addReport({
      name: 'All patients',
      soql: 'SELECT Name, MRN__c, SSN__c FROM Account ORDER BY Name',
    });
    const response = await f.fetch(`/${report.id.slice(0, 15)}?export=1&enc=UTF-8&xf=csv`, {
      headers: { authorization: `Bearer ${f.admin}`, 'x-request-id': 'req-export' },
    });
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv.split('\n')[0]).toBe('"Account Name","MRN","SSN"');
    expect(csv.trimEnd().split('\n')).toHaveLength(5);
    const rows = f.state.eventLog.filter((r) => r.requestId === 'req-export');
    expect(rows.map((r) => r.eventType)).toEqual(['ReportExport', 'Report']);
    expect(
      Object.keys(rows[0]!.fields).every((k) =>
        (EVENT_LOG_HEADERS.ReportExport as readonly string[]).includes(k),
      ),
    ).toBe(true);
    expect(rows[1]!.fields).toMatchObject({
      ROW_COUNT: '4',
      RENDERING_TYPE: 'C',
      ORIGIN: 'ReportExported',
      NUMBER_COLUMNS: '3',
    });
    expect(f.events.at(-1)).toMatchObject({
      action: 'sf.report.export',
      rows: 4,
      detail: { reportFormat: 'csv' },
    });
  });

  it('logs a formatted export only as Report, and a REST run with its origin', async () => {
    const f = await setup(2);
    const report = f.state.addReport({
      name: 'Diagnoses',
      soql: 'SELECT Name, Primary_Diagnosis__c FROM Account',
    });
    await f.fetch(`/${report.id}?export=1&xf=xls`, {
      headers: { authorization: `Bearer ${f.admin}`, 'x-request-id': 'req-xls' },
    });
    expect(
      f.state.eventLog
        .filter((r) => r.requestId === 'req-xls')
        .map((r) => [r.eventType, r.fields.RENDERING_TYPE]),
    ).toEqual([['Report', 'X']]);
    const run = await f.api(`analytics/reports/${report.id}`, f.admin, {
      headers: { 'x-request-id': 'req-run' },
    });
    const body = (await run.json()) as { factMap: Record<string, { rows: unknown[] }> };
    expect(body.factMap['T!T']!.rows).toHaveLength(2);
    const origins = f.state.eventLog
      .filter((r) => r.requestId === 'req-run')
      .map((r) => r.fields.ORIGIN ?? r.eventType);
    expect(origins).toEqual(['ReportRunFromRestApi', 'RestApi']);
  });

  it('lets other paths fall through and 404s an unknown report', async () => {
    const f = await setup(0);
    expect(
      (await f.fetch('/00O000000000000?export=1', { headers: { authorization: `Bearer ${f.admin}` } }))
        .status,
    ).toBe(404);
    const other = await f.fetch('/somewhere-else');
    expect(await other.json()).toMatchObject([{ message: expect.stringContaining('no estate endpoint') }]);
  });
});
