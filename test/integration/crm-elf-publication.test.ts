import { describe, expect, it } from 'vitest';
import { DeliveryModel } from '../../src/telemetry/delivery/model.ts';
import { DEFAULT_MONITORING } from '../../src/telemetry/delivery/monitoring.ts';
import { crmFixture, START } from './crm-fixture.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const q = (soql: string) => `query?q=${encodeURIComponent(soql)}`;

async function setup(monitoring = DEFAULT_MONITORING) {
  const f = crmFixture(3);
  f.state.config.eventMonitoring.delivery = new DeliveryModel(monitoring, 11);
  const token = async () => (await f.login('sync@clinic.example.org', 'sync-pass-1')).access_token!;
  return { ...f, token };
}

const restApiFiles = (f: Awaited<ReturnType<typeof setup>>, interval: 'Hourly' | 'Daily') =>
  f.state.log.files().filter((file) => file.EventType === 'RestApi' && file.Interval === interval);

describe('EventLogFile publication', () => {
  it('lists an hourly file only once it is generated, 3–6 h after its hour closes, with CreatedDate then', async () => {
    const f = await setup();
    await f.api(q('SELECT Id FROM Account'), await f.token());
    const publishedAt = f.state.log.delivery.publishedAt('crm-elf-hourly', START);
    expect(publishedAt - (START + HOUR)).toBeGreaterThanOrEqual(3 * HOUR);
    expect(publishedAt - (START + HOUR)).toBeLessThanOrEqual(6 * HOUR);
    await f.clock.sleepUntil(publishedAt - 1000);
    expect(restApiFiles(f, 'Hourly')).toEqual([]);
    await f.clock.sleepUntil(publishedAt);
    const [file] = restApiFiles(f, 'Hourly');
    expect(file).toMatchObject({ CreatedDate: new Date(publishedAt).toISOString().replace('Z', '+0000') });
  });

  it('never changes a file once listed: later rows go to later files and LogFileLength stays true', async () => {
    const f = await setup();
    await f.api(q('SELECT Id FROM Account'), await f.token());
    await f.clock.sleepUntil(f.state.log.delivery.publishedAt('crm-elf-hourly', START));
    const [listed] = restApiFiles(f, 'Hourly');
    const csv = f.state.log.csv(String(listed!.Id))!;
    expect(Buffer.byteLength(csv)).toBe(listed!.LogFileLength);
    // A late request, and one stamped back into the published hour, must not reopen its file.
    await f.api(q('SELECT Name FROM Account'), await f.token());
    f.state.log.append('RestApi', START + 10 * 60_000, 'req-backdated', {});
    await f.clock.sleepUntil(START + 2 * DAY);
    const again = restApiFiles(f, 'Hourly').find((file) => file.Id === listed!.Id)!;
    expect(again.LogFileLength).toBe(listed!.LogFileLength);
    expect(f.state.log.csv(String(listed!.Id))).toBe(csv);
    expect(restApiFiles(f, 'Hourly').length).toBeGreaterThan(1);
    const later = restApiFiles(f, 'Hourly').filter((file) => file.Id !== listed!.Id);
    expect(later.map((file) => f.state.log.csv(String(file.Id))).join('')).toContain('req-backdated');
  });

  it('has only daily files, the day after next, for an organisation on daily event logs', async () => {
    const f = await setup({ ...DEFAULT_MONITORING, crm: 'elf-daily' });
    await f.api(q('SELECT Id FROM Account'), await f.token());
    const publishedAt = f.state.log.delivery.publishedAt('crm-elf-daily', Date.parse('2026-03-02T00:00:00Z'));
    expect(publishedAt).toBeGreaterThanOrEqual(Date.parse('2026-03-04T00:00:00Z'));
    await f.clock.sleepUntil(publishedAt - 1000);
    expect(restApiFiles(f, 'Daily')).toEqual([]);
    await f.clock.sleepUntil(publishedAt);
    expect(restApiFiles(f, 'Daily')).toHaveLength(1);
    expect(restApiFiles(f, 'Hourly')).toEqual([]);
  });

  it('drops files when retention runs out: one day without the Event Monitoring add-on', async () => {
    const f = await setup({ ...DEFAULT_MONITORING, crm: 'elf-daily', crmLogRetentionMs: DAY });
    await f.api(q('SELECT Id FROM Account'), await f.token());
    const publishedAt = f.state.log.delivery.publishedAt('crm-elf-daily', Date.parse('2026-03-02T00:00:00Z'));
    await f.clock.sleepUntil(publishedAt + DAY);
    const [file] = restApiFiles(f, 'Daily');
    expect(file).toBeDefined();
    await f.clock.sleepUntil(publishedAt + DAY + 1000);
    expect(restApiFiles(f, 'Daily')).toEqual([]);
    expect(f.state.log.csv(String(file!.Id))).toBeUndefined();
  });
});
