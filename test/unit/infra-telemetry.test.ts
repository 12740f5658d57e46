import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createInfraLogger } from '../../src/infra/infra-telemetry.ts';
import { infraNames } from '../../src/infra/names.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { groupOf } from '../../src/telemetry/delivery/monitoring.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

function logged() {
  const clock = new VirtualClock(Date.parse('2026-03-02T13:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const logger = createInfraLogger(infraNames('phi_drill_t1'), (input) => bus.emitAside(input));
  return { bus, events, logger, clock };
}

describe('the data plane’s own logs', () => {
  it('writes pgAudit session lines, numbered per statement, without parameter values', () => {
    const { events, logger } = logged();
    logger.stagingWritten('INSERT', 1);
    logger.stagingRead(3);
    logger.stagingWritten('DELETE', 3, { all: true });
    expect(events.map((event) => event.detail?.line)).toEqual([
      expect.stringMatching(
        /^AUDIT: SESSION,1,1,WRITE,INSERT,TABLE,phi_drill_t1\.sync_staging,"INSERT INTO phi_drill_t1\.sync_staging \(.*\$9\) ON CONFLICT \(message_id\) DO NOTHING",<not logged>$/,
      ),
      expect.stringMatching(/^AUDIT: SESSION,2,1,READ,SELECT,TABLE,phi_drill_t1\.sync_staging,"SELECT /),
      'AUDIT: SESSION,3,1,WRITE,DELETE,TABLE,phi_drill_t1.sync_staging,"DELETE FROM phi_drill_t1.sync_staging",<not logged>',
    ]);
    expect(events.map((event) => event.rows)).toEqual([1, 3, 3]);
  });

  it('names RabbitMQ events as the event exchange does, with the x-death reason on a dead letter', () => {
    const { events, logger } = logged();
    logger.queuesCreated();
    logger.deadLettered('rejected');
    logger.queuesDeleted();
    expect(events.map((event) => event.action)).toEqual([
      'rabbitmq.queue.created',
      'rabbitmq.queue.created',
      'rabbitmq.message.dead-lettered',
      'rabbitmq.queue.deleted',
      'rabbitmq.queue.deleted',
    ]);
    expect(events[2]?.detail).toMatchObject({
      'x-death.reason': 'rejected',
      'x-death.queue': 'phi-drill-t1.sync.crm-upsert',
    });
  });

  it('writes Redis keyspace notifications: hset per session write, del for each key at the end', () => {
    const { events, logger } = logged();
    logger.sessionWritten('s1');
    logger.sessionWritten('s1');
    logger.sessionWritten('s2');
    logger.sessionsDeleted();
    logger.sessionsDeleted();
    expect(events.map((event) => event.detail?.line)).toEqual([
      expect.stringMatching(/^__keyspace@0__:\S+:portal:session:s1 hset$/),
      expect.stringMatching(/:s1 hset$/),
      expect.stringMatching(/:s2 hset$/),
      expect.stringMatching(/:s1 del$/),
      expect.stringMatching(/:s2 del$/),
    ]);
  });

  it('goes through the logs delivery group on the drill clock, without shifting the estate’s event ids', async () => {
    const { bus, events, logger, clock } = logged();
    const estate = () =>
      bus.emit({
        system: 'crm',
        action: 'sf.query',
        actor: { id: 'u1', type: 'clinician' },
        sourceIp: '127.0.0.1',
        resource: { type: 'Contact' },
        patientIds: [],
        fields: [],
        outcome: 'success',
      });
    estate();
    await clock.sleepUntil(clock.now() + 60_000);
    logger.sessionWritten('s1');
    estate();
    expect(events.map((event) => event.id)).toEqual(['evt-000001', 'evt-000001.1', 'evt-000002']);
    expect(events[1]).toMatchObject({ system: 'logs', time: Date.parse('2026-03-02T13:01:00Z') });
    expect(groupOf(events[1]!)).toBe('logs');
    expect(bus.count).toBe(3);
  });
});
