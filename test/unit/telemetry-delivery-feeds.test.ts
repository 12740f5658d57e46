import { describe, expect, it } from 'vitest';
import { judgeLog } from '../../src/run/judge/log.ts';
import type { Observations } from '../../src/run/observations.ts';
import type { PlannedExpectation } from '../../src/run/plan.ts';
import type { LogExpectation } from '../../src/scenario/types.ts';
import { type Feed, feedOf } from '../../src/telemetry/delivery/feeds.ts';
import { DeliveryModel, NEVER } from '../../src/telemetry/delivery/model.ts';
import { DEFAULT_MONITORING, type Monitoring } from '../../src/telemetry/delivery/monitoring.ts';
import { type DeliverySourceId, deliverySource } from '../../src/telemetry/delivery/sources.data.ts';
import type { SystemId } from '../../src/telemetry/event.ts';

const START = Date.parse('2026-03-02T14:20:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Each source the CRM audit objects, storage, mail and broker logs add, with the feed it carries and its retention. */
const RETAINED: Array<{
  source: DeliverySourceId;
  feed: Feed;
  monitoring: Partial<Monitoring>;
  keptMs: number;
}> = [
  { source: 'crm-setup-audit-trail', feed: 'crm-setup', monitoring: {}, keptMs: 180 * DAY },
  { source: 'crm-field-history', feed: 'crm-field-history', monitoring: {}, keptMs: 730 * DAY },
  { source: 'crm-login-history', feed: 'crm-login', monitoring: { crm: 'none' }, keptMs: 183 * DAY },
  {
    source: 'storage-server-access-log',
    feed: 'storage-access',
    monitoring: { storageLogs: 'server-access', logRetentionMs: 30 * DAY },
    keptMs: 30 * DAY,
  },
  { source: 'storage-data-events', feed: 'storage-access', monitoring: {}, keptMs: 90 * DAY },
  { source: 'mail-log', feed: 'mail-log', monitoring: { logRetentionMs: 14 * DAY }, keptMs: 14 * DAY },
  { source: 'broker-log', feed: 'broker-log', monitoring: {}, keptMs: 90 * DAY },
];

function logExpectation(investigateAfterMs: number): PlannedExpectation & LogExpectation {
  return {
    id: 'pull-records',
    type: 'log',
    inject: 'leak',
    within: '800d',
    withinMs: 800 * DAY,
    trail: 'the-trail',
    fields: ['who'],
    investigateAfterMs,
    opensAt: START,
    closesAt: START + 800 * DAY,
  };
}

/** One read by the inject, whose record the trail holds as the model says it can be retrieved. */
function observations(model: DeliveryModel, feed: Feed, key = 'req-1'): Observations {
  return {
    accesses: () => [{ requestId: key, time: START, method: 'GET', status: 200, path: '/x/1' }],
    trailScope: () => '/x/',
    trailRecord: (_trail: string, requestId: string) => ({
      id: `record:${requestId}`,
      time: START,
      availability: model.recordAvailability(feed, START, requestId),
      value: () => 'someone',
    }),
  } as unknown as Observations;
}

describe('delivery feeds: which pipeline carries each kind of event', () => {
  it('routes every event kind the estate emits to the record that really holds it', () => {
    const cases: Array<[SystemId, string, Feed]> = [
      ['crm', 'sf.connectedapp.secret-reset', 'crm-setup'],
      ['crm', 'oauth.token', 'crm-login'],
      ['crm', 'sf.upsert', 'crm-field-history'],
      ['crm', 'sf.query', 'crm-api'],
      ['crm', 'sf.report.export', 'crm-api'],
      ['ehr', 'fhir.read', 'ehr-audit'],
      ['mail', 'mail.send', 'mail-log'],
      ['storage', 'storage.get', 'storage-access'],
      ['storage', 'storage.bucket.policy', 'storage-access'],
      ['sync', 'sync.topic.configure', 'broker-log'],
      ['sync', 'sync.deadletter', 'broker-log'],
      ['logs', 'rabbitmq.queue.created', 'broker-log'],
      ['sync', 'sync.batch', 'host-log'],
      ['portal', 'portal.view', 'host-log'],
      ['logs', 'postgres.audit', 'host-log'],
    ];
    for (const [system, action, feed] of cases) expect(feedOf({ system, action }), action).toBe(feed);
  });

  it('reads a login from RTEM LoginEvent, else LoginHistory when polled, else the Login event log file', () => {
    const source = (monitoring: Partial<Monitoring>) =>
      new DeliveryModel({ ...DEFAULT_MONITORING, ...monitoring }, 1).sourceOf({
        system: 'crm',
        action: 'oauth.token',
      });
    expect(source({})).toBe('crm-rtem');
    expect(source({ crm: 'elf-hourly' })).toBe('crm-login-history');
    expect(source({ crm: 'elf-hourly', crmAudit: 'none' })).toBe('crm-elf-hourly');
    expect(source({ crm: 'none', crmAudit: 'none' })).toBeUndefined();
  });

  it('collects no Setup change when the CRM audit objects are not polled', () => {
    const model = new DeliveryModel({ ...DEFAULT_MONITORING, crmAudit: 'none' }, 1);
    expect(model.sourceOf({ system: 'crm', action: 'sf.connectedapp.secret-reset' })).toBeUndefined();
  });

  it('delivers a polled record at the first poll after it is written, never later than one interval', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const model = new DeliveryModel({ ...DEFAULT_MONITORING, crmAuditPollMs: 15 * MINUTE }, seed);
      const at =
        model.deliveredAt('crm-setup-audit-trail', START + seed * 7_000, 'k') - (START + seed * 7_000);
      expect(at).toBeGreaterThan(0);
      expect(at).toBeLessThanOrEqual(15 * MINUTE);
    }
  });

  it('delivers server access log records within hours, some never (best effort)', () => {
    const model = new DeliveryModel({ ...DEFAULT_MONITORING, storageLogs: 'server-access' }, 5);
    const delays = Array.from({ length: 4000 }, (_, i) =>
      model.deliveredAt('storage-server-access-log', START, `req-${i}`),
    );
    const lost = delays.filter((at) => at === NEVER).length;
    expect(lost).toBeGreaterThan(4);
    expect(lost).toBeLessThan(60);
    for (const at of delays.filter((d) => d !== NEVER)) {
      expect(at - START).toBeGreaterThanOrEqual(10 * MINUTE);
      expect(at - START).toBeLessThanOrEqual(3 * HOUR);
    }
  });
});

describe('delivery feeds: retention as a log expectation sees it', () => {
  for (const { source, feed, monitoring, keptMs } of RETAINED) {
    it(`${source}: a record is retrievable within its retention and gone past it, with the reason`, () => {
      const model = new DeliveryModel({ ...DEFAULT_MONITORING, ...monitoring }, 3);
      const record = model.recordAvailability(feed, START, 'req-1');
      expect(record.source).toBe(source);
      expect(deliverySource(source).citation).toMatch(/\[(V|S|M)\]/);
      expect(record.retainedUntil - record.availableAt).toBe(keptMs);

      const inTime = judgeLog(logExpectation(keptMs - DAY), observations(model, feed));
      expect(inTime.status, inTime.reason).toBe('met');
      const tooLate = judgeLog(logExpectation(keptMs + DAY), observations(model, feed));
      expect(tooLate.status).toBe('missed');
      expect(tooLate.reason).toContain('past their retention');
      expect(tooLate.reason).toContain('the scope cannot be established from logs');
    });
  }

  it('storage-server-access-log: a record the log bucket never received is missed, with the reason', () => {
    const model = new DeliveryModel({ ...DEFAULT_MONITORING, storageLogs: 'server-access' }, 5);
    const key = Array.from({ length: 4000 }, (_, i) => `req-${i}`).find(
      (k) => model.deliveredAt('storage-server-access-log', START, k) === NEVER,
    )!;
    const verdict = judgeLog(logExpectation(DAY), observations(model, 'storage-access', key));
    expect(verdict.status).toBe('missed');
    expect(verdict.reason).toContain('never delivered by storage-server-access-log (best-effort delivery)');
  });
});
