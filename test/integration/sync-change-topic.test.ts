import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstateContext } from '../../src/estate/context.ts';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { CHANGE_TOPIC_POLICY_RETENTION_MS } from '../../src/estate/sync/index.ts';
import { createSyncJob } from '../../src/estate/sync/sync-job.ts';
import type { PatientChange } from '../../src/estate/sync/types.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const START = Date.parse('2026-03-02T21:00:00Z');
const MINUTE = 60_000;

function change(n: number): PatientChange {
  const mrn = `ZZTEST-0000001${n}`;
  return {
    patientId: `zz-topic-${n}`,
    mrn,
    account: { FirstName: `Noor${n}`, LastName: 'Zztest', SSN__c: `666-20-000${n}`, MRN__c: mrn },
  };
}

/** A CRM upsert endpoint that answers with `status` and `errorCode` while `refusing` is set. */
function rig() {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const ctx = createEstateContext(clock, bus, 9);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const crm = { refusing: undefined as undefined | { status: number; errorCode: string }, calls: 0 };
  const handlers = [
    http.patch('*/services/data/:version/sobjects/Account/MRN__c/:mrn', () => {
      crm.calls += 1;
      if (crm.refusing) {
        const { status, errorCode } = crm.refusing;
        return HttpResponse.json([{ errorCode, message: 'refused' }], { status });
      }
      return HttpResponse.json({ id: '001x', success: true, errors: [], created: false }, { status: 200 });
    }),
  ];
  const job = createSyncJob(ctx, {
    crmFetch: createDispatch(() => handlers, ctx),
    crmToken: async () => 't',
  });
  const at = (minutes: number) => clock.sleepUntil(START + minutes * MINUTE);
  return { clock, events, job, crm, at };
}

describe('change topic between the EHR feed and the sync job', () => {
  it('deletes a message once the job has delivered it, as the policy intends', async () => {
    const { job } = rig();
    job.enqueue(change(1));
    job.enqueue(change(2));
    expect(job.topic.size).toBe(2);
    await job.runBatch();
    expect(job.topic.size).toBe(0);
  });

  it('keeps acknowledged payloads in plaintext when reconfigured, until its own retention lapses', async () => {
    const { job, at, events } = rig();
    const restore = job.topic.configure(
      { retentionMs: 2 * CHANGE_TOPIC_POLICY_RETENTION_MS, deleteOnAck: false },
      'admin',
    );
    job.enqueue(change(1));
    await job.runBatch();
    expect(job.topic.size).toBe(1);
    await at(90);
    const [kept] = job.topic.olderThan(CHANGE_TOPIC_POLICY_RETENTION_MS);
    expect(kept).toMatchObject({ key: 'zz-topic-1', ackedAt: START });
    expect(kept!.payload).toContain('666-20-0001');
    await job.runBatch();
    expect(job.topic.olderThan(CHANGE_TOPIC_POLICY_RETENTION_MS).map((m) => m.key)).toEqual(['zz-topic-1']);
    await at(121);
    await job.runBatch();
    expect(job.topic.size).toBe(0);
    restore();
    expect(job.topic.config).toEqual({ retentionMs: CHANGE_TOPIC_POLICY_RETENTION_MS, deleteOnAck: true });
    expect(
      events.filter((e) => e.action === 'sync.topic.configure').map((e) => e.detail?.retentionMs),
    ).toEqual([2 * CHANGE_TOPIC_POLICY_RETENTION_MS, CHANGE_TOPIC_POLICY_RETENTION_MS]);
  });

  it('drops an undelivered message after its retention even while the job still retries it', async () => {
    const { job, crm, at } = rig();
    crm.refusing = { status: 503, errorCode: 'SERVER_UNAVAILABLE' };
    job.enqueue(change(3));
    await job.runBatch();
    await at(61);
    await job.runBatch();
    expect(job.topic.size).toBe(0);
    expect(job.state.queue).toHaveLength(1);
  });

  it('purges only what is older than the cut-off and reports whose PHI it held', async () => {
    const { job, at, events } = rig();
    job.topic.configure({ retentionMs: 30 * 24 * 60 * MINUTE, deleteOnAck: false }, 'admin');
    job.enqueue(change(1));
    job.enqueue(change(1));
    await at(70);
    job.enqueue(change(2));
    expect(job.topic.purgeOlderThan(CHANGE_TOPIC_POLICY_RETENTION_MS, 'responder')).toEqual(['zz-topic-1']);
    expect(job.topic.size).toBe(1);
    const purge = events.find((e) => e.action === 'sync.topic.purge')!;
    expect(purge).toMatchObject({ rows: 2, patientIds: ['zz-topic-1'], actor: { id: 'responder' } });
  });
});

describe('sync job under API limits', () => {
  it('backs off on REQUEST_LIMIT_EXCEEDED without spending attempts, and measures the delay', async () => {
    const { job, crm, at, events } = rig();
    crm.refusing = { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' };
    job.enqueue(change(1));
    job.enqueue(change(2));
    expect(await job.runBatch()).toEqual({ sent: 0, failed: 0, deadLettered: 0 });
    expect(crm.calls).toBe(1);
    expect(job.state.queue.map((m) => [m.change.patientId, m.attempts])).toEqual([
      ['zz-topic-1', 0],
      ['zz-topic-2', 0],
    ]);
    await at(45);
    expect(job.oldestPendingMs()).toBe(45 * MINUTE);
    for (let n = 0; n < 5; n++) await job.runBatch();
    expect(job.state.deadLetter).toEqual([]);
    crm.refusing = undefined;
    await job.runBatch();
    expect(job.state.latency).toEqual({ lastMs: 45 * MINUTE, maxMs: 45 * MINUTE, delivered: 2 });
    expect(job.oldestPendingMs()).toBe(0);
    const batches = events.filter((e) => e.action === 'sync.batch');
    expect(batches[0]).toMatchObject({ outcome: 'failure', detail: { deferred: 2, oldestPendingMs: 0 } });
  });

  it('still counts attempts and dead-letters on other errors (the failing case of the back-off)', async () => {
    const { job, crm } = rig();
    crm.refusing = { status: 503, errorCode: 'SERVER_UNAVAILABLE' };
    job.enqueue(change(4));
    for (let n = 0; n < 3; n++) await job.runBatch();
    expect(job.state.deadLetter).toHaveLength(1);
    expect(job.topic.size).toBe(0);
  });
});
