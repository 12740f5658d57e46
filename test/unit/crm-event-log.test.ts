import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/estate/crm/event-log.ts';
import { elfTimestamp, elfTimestampOfIso } from '../../src/telemetry/encoders/time-format.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-02T14:05:00.250Z');

function eventLog(omitFields: string[] = []) {
  let now = START;
  let minted = 0;
  const log = new EventLog(
    { eventMonitoring: { enabled: true, omitFields } },
    '00Dxx0000001gPLEAY',
    () => {
      minted += 1;
      return `0ATxx000000${String(minted).padStart(4, '0')}AAA`;
    },
    '66.0',
    () => now,
    7,
  );
  const advance = (ms: number) => {
    now += ms;
  };
  return { log, advance, at: () => now };
}

describe('CRM event log', () => {
  it('fills the envelope and stamps TIMESTAMP as Salesforce writes it', () => {
    const { log } = eventLog();
    const row = log.append('RestApi', START, 'req-1', { USER_ID: '005xx000001X8UzAAK', METHOD: 'GET' })!;
    expect(row.fields).toMatchObject({
      EVENT_TYPE: 'RestApi',
      TIMESTAMP: '20260302140500.250',
      TIMESTAMP_DERIVED: '2026-03-02T14:05:00.250Z',
      REQUEST_ID: 'req-1',
      ORGANIZATION_ID: '00Dxx0000001gPL',
      USER_ID: '005xx000001X8Uz',
      USER_ID_DERIVED: '005xx000001X8UzAAK',
      METHOD: 'GET',
    });
  });

  it('refuses a value under a header its event type does not have, naming it', () => {
    const { log } = eventLog();
    expect(() => log.append('RestApi', START, 'req-1', { REPORT_DESCRIPTION: 'x', METHOD: 'GET' })).toThrow(
      'not RestApi event-log fields: REPORT_DESCRIPTION',
    );
    expect(log.rows).toHaveLength(0);
  });

  it('leaves the headers a degraded setup does not capture empty', () => {
    const { log } = eventLog(['CLIENT_IP', 'TIMESTAMP_DERIVED']);
    const row = log.append('RestApi', START, 'req-1', { CLIENT_IP: '10.0.0.7', METHOD: 'GET' })!;
    expect(row.fields).not.toHaveProperty('CLIENT_IP');
    expect(row.fields).not.toHaveProperty('TIMESTAMP_DERIVED');
    expect(row.fields.METHOD).toBe('GET');
  });

  it('files rows of one hour together and opens the next hour a file of its own', () => {
    const { log, advance } = eventLog();
    log.append('RestApi', START, 'req-1', {});
    log.append('RestApi', START + 1_000, 'req-2', {});
    advance(HOUR);
    log.append('RestApi', START + HOUR, 'req-3', {});
    advance(3 * 24 * HOUR);
    const hourly = log.files().filter((file) => file.Interval === 'Hourly');
    const daily = log.files().filter((file) => file.Interval === 'Daily');
    expect(hourly.map((file) => file.Sequence)).toEqual([15, 16]);
    expect(daily).toHaveLength(1);
    const rowsOf = (id: unknown) => log.csv(String(id))!.trim().split('\n').length - 1;
    expect(hourly.map((file) => rowsOf(file.Id))).toEqual([2, 1]);
    expect(rowsOf(daily[0]!.Id)).toBe(3);
  });

  it("drops files retention empties, and a row for a dropped file's hour, still open, opens a new one", () => {
    const { log, advance, at } = eventLog();
    log.append('RestApi', START, 'req-1', {});
    log.append('RestApi', START + 1, 'req-2', {});
    advance(2 * HOUR);
    for (let i = 0; i < 3; i++) log.append('RestApi', at(), `req-${i + 3}`, {});
    // In the same hour, newer rows of another type push out RestApi's last one from both its files.
    for (let i = 0; i < 4; i++) log.append('API', at(), `api-${i + 1}`, {});
    log.retainNewest(4);
    expect(log.rows.map((row) => row.requestId)).toEqual(['api-1', 'api-2', 'api-3', 'api-4']);
    log.append('RestApi', at(), 'req-6', {});
    advance(3 * 24 * HOUR);
    const restApi = log.files().filter((file) => file.EventType === 'RestApi');
    expect(restApi.map((file) => [file.Interval, file.Sequence])).toEqual([
      ['Hourly', 17],
      ['Daily', 1],
    ]);
    for (const file of restApi) expect(log.csv(String(file.Id))).toContain('"req-6"');
  });
});

describe('EventLogFile TIMESTAMP', () => {
  it('cuts the ISO form by position, and falls back for a year that is not four digits', () => {
    expect(elfTimestamp(START)).toBe('20260302140500.250');
    expect(elfTimestampOfIso('2026-12-31T23:59:59.999Z')).toBe('20261231235959.999');
    expect(elfTimestampOfIso('+010000-01-01T00:00:00.000Z')).toBe('+0100000101000000.000');
  });
});
