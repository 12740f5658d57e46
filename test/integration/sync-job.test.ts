import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstateContext } from '../../src/estate/context.ts';
import { createDispatch, type EstateFetch } from '../../src/estate/dispatch.ts';
import { createSyncJob } from '../../src/estate/sync/sync-job.ts';
import type { PatientChange, SyncConfig } from '../../src/estate/sync/types.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const START = Date.parse('2026-03-02T02:00:00Z');

function change(n: number): PatientChange {
  const mrn = `ZZTEST-0000000${n}`;
  return {
    patientId: `zz-000000${n}`,
    mrn,
    account: {
      FirstName: `Ava${n}`,
      LastName: 'Zztest',
      PersonBirthdate: '1980-02-03',
      SSN__c: `666-10-000${n}`,
      MRN__c: mrn,
      PersonEmail: `ava${n}@example.org`,
      HasOptedOutOfEmail: false,
    },
  };
}

interface Received {
  url: string;
  headers: Headers;
  body: unknown;
}

/** A stand-in for the CRM's upsert endpoint that accepts `okWrites` upserts, then answers 503. */
function stubCrm(okWrites = Number.POSITIVE_INFINITY) {
  const received: Received[] = [];
  const handlers = [
    http.patch('*/services/data/:version/sobjects/Account/MRN__c/:mrn', async ({ request }) => {
      received.push({ url: request.url, headers: request.headers, body: await request.json() });
      if (received.length > okWrites) {
        return HttpResponse.json([{ errorCode: 'SERVER_UNAVAILABLE', message: 'try later' }], {
          status: 503,
        });
      }
      return HttpResponse.json(
        { id: `001${received.length}`, success: true, errors: [], created: true },
        { status: 201 },
      );
    }),
  ];
  return { received, handlers };
}

function rig(options: Partial<SyncConfig> = {}, crm = stubCrm(), crmFetchOverride?: EstateFetch, seed = 42) {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const ctx = createEstateContext(clock, bus, seed);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const crmFetch = crmFetchOverride ?? createDispatch(() => crm.handlers, ctx);
  const job = createSyncJob(ctx, { crmFetch, crmToken: async () => '00Dzz!sync-token' }, options);
  return { ctx, clock, events, job, crm };
}

const actions = (events: TelemetryEvent[], action: string) =>
  events.filter((event) => event.action === action);

describe('sync job delivery', () => {
  it('upserts each change as a Person Account by MRN and leaves no residue', async () => {
    const { job, crm, events } = rig();
    for (const n of [1, 2, 3]) job.enqueue(change(n));
    expect(await job.runBatch()).toEqual({ sent: 3, failed: 0, deadLettered: 0 });
    expect(crm.received).toHaveLength(3);
    const [first] = crm.received;
    expect(new URL(first!.url).pathname).toBe('/services/data/v66.0/sobjects/Account/MRN__c/ZZTEST-00000001');
    expect(first!.headers.get('authorization')).toBe('Bearer 00Dzz!sync-token');
    expect(first!.headers.get('user-agent')).toBe('phi-drill-sync/1.0');
    expect(first!.headers.get('x-forwarded-for')).toBe('10.40.0.12');
    expect(first!.body).toEqual(change(1).account);
    expect(job.state.queue).toEqual([]);
    expect(job.state.staging.size).toBe(0);
    expect(job.state.deadLetter).toEqual([]);
    expect(job.state.errorLog).toEqual([]);
    expect(actions(events, 'sync.staging.write')).toHaveLength(3);
    expect(actions(events, 'sync.batch')[0]).toMatchObject({
      actor: { id: 'svc-ehr-crm-sync', type: 'service' },
      rows: 3,
      outcome: 'success',
    });
  });

  it('keeps staging rows after success when purgeStagingOnSuccess is off', async () => {
    const { job } = rig({ purgeStagingOnSuccess: false });
    job.enqueue(change(1));
    await job.runBatch();
    expect(job.state.staging.size).toBe(1);
    expect([...job.state.staging.values()][0]!.payload).toContain('666-10-0001');
  });

  it('takes at most batchSize messages per run', async () => {
    const { job } = rig({ batchSize: 2 });
    for (const n of [1, 2, 3, 4, 5]) job.enqueue(change(n));
    expect((await job.runBatch()).sent).toBe(2);
    expect(job.state.queue).toHaveLength(3);
  });
});

describe('sync job failures', () => {
  it('retries failed upserts, then dead-letters full payloads and keeps their staging rows', async () => {
    const { job, events } = rig({}, stubCrm(1));
    for (const n of [1, 2, 3]) job.enqueue(change(n));
    expect(await job.runBatch()).toEqual({ sent: 1, failed: 2, deadLettered: 0 });
    expect(job.state.queue.map((message) => message.attempts)).toEqual([1, 1]);
    expect(await job.runBatch()).toEqual({ sent: 0, failed: 2, deadLettered: 0 });
    expect(await job.runBatch()).toEqual({ sent: 0, failed: 2, deadLettered: 2 });
    expect(job.state.queue).toEqual([]);
    expect(job.state.deadLetter.map((dead) => dead.payload)).toEqual([change(2), change(3)]);
    expect(job.state.staging.size).toBe(2);
    expect(job.readStaging([...job.state.staging.values()][0]!)).toEqual(change(2));
    expect(job.state.errorLog).toHaveLength(6);
    expect(job.state.errorLog[0]).toMatchObject({
      level: 'error',
      requestId: expect.stringMatching(/^req-/),
    });
    expect(job.state.errorLog[0]!.message).toContain('HTTP 503 SERVER_UNAVAILABLE');
    const logged = JSON.stringify(job.state.errorLog);
    expect(logged).not.toContain('666-10-');
    expect(logged).not.toContain('ZZTEST-');
    expect(actions(events, 'sync.upsert.failed')).toHaveLength(6);
    const dead = actions(events, 'sync.deadletter');
    expect(dead.map((event) => event.patientIds)).toEqual([['zz-0000002'], ['zz-0000003']]);
    expect(dead[0]!.fields).toEqual(Object.keys(change(2).account));
    expect(actions(events, 'sync.log.write').every((event) => event.detail?.hasPayload === false)).toBe(true);
  });

  it('writes the full record into error log lines when logPayloads is on', async () => {
    const { job, events } = rig({ logPayloads: true, maxAttempts: 1 }, stubCrm(0));
    job.enqueue(change(4));
    expect(await job.runBatch()).toEqual({ sent: 0, failed: 1, deadLettered: 1 });
    expect(JSON.parse(job.state.errorLog[0]!.payload!)).toEqual(change(4));
    expect(actions(events, 'sync.log.write')[0]).toMatchObject({
      detail: { level: 'error', hasPayload: true },
      patientIds: ['zz-0000004'],
    });
  });

  it('treats a thrown transport error as a failed attempt', async () => {
    const refuse: EstateFetch = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    const { job } = rig({ maxAttempts: 2 }, stubCrm(), refuse);
    job.enqueue(change(5));
    expect(await job.runBatch()).toEqual({ sent: 0, failed: 1, deadLettered: 0 });
    expect(job.state.errorLog[0]!.message).toContain('ECONNREFUSED');
    expect(await job.runBatch()).toEqual({ sent: 0, failed: 1, deadLettered: 1 });
  });
});

describe('sync staging encryption', () => {
  it('stores AES-256-GCM ciphertext that names no SSN or MRN, readable only with the job key', async () => {
    const { job, events } = rig({ encryptStaging: true }, stubCrm(0));
    job.enqueue(change(6));
    await job.runBatch();
    const row = [...job.state.staging.values()][0]!;
    expect(row.encrypted).toBe(true);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('666-10-0006');
    expect(stored).not.toContain('ZZTEST-00000006');
    expect(stored).not.toContain('Ava6');
    expect(job.readStaging(row)).toEqual(change(6));
    expect(() => job.readStaging({ ...row, authTag: Buffer.alloc(16).toString('base64') })).toThrow();
    expect(actions(events, 'sync.staging.write')[0]!.detail).toEqual({ encrypted: true });
  });

  it('writes plaintext staging rows by default', async () => {
    const { job } = rig({}, stubCrm(0));
    job.enqueue(change(6));
    await job.runBatch();
    const stored = JSON.stringify([...job.state.staging.values()][0]);
    expect(stored).toContain('666-10-0006');
    expect(stored).toContain('ZZTEST-00000006');
  });

  it('writes byte-identical ciphertext for the same seed and different ciphertext for another', async () => {
    const payloads: string[] = [];
    for (const seed of [1, 1, 2]) {
      const { job } = rig({ encryptStaging: true }, stubCrm(0), undefined, seed);
      job.enqueue(change(7));
      await job.runBatch();
      payloads.push([...job.state.staging.values()][0]!.payload);
    }
    expect(payloads[0]).toBe(payloads[1]);
    expect(payloads[2]).not.toBe(payloads[0]);
  });
});

describe('sync purge', () => {
  it('removes dead letters and staging rows, redacts logged payloads and reports it', async () => {
    const { job, events } = rig({ logPayloads: true, maxAttempts: 1 }, stubCrm(0));
    for (const n of [1, 2]) job.enqueue(change(n));
    await job.runBatch();
    expect(JSON.stringify(job.state.errorLog)).toContain('666-10-0001');
    expect(job.purge('ir-lead')).toEqual({ deadLetter: 2, staging: 2, errorLog: 2 });
    expect(job.state.deadLetter).toEqual([]);
    expect(job.state.staging.size).toBe(0);
    expect(job.state.errorLog).toHaveLength(2);
    const residue = JSON.stringify({
      log: job.state.errorLog,
      dead: job.state.deadLetter,
      queue: job.state.queue,
    });
    expect(residue).not.toContain('666-10-');
    expect(actions(events, 'sync.purge')[0]).toMatchObject({
      system: 'sync',
      actor: { id: 'ir-lead', type: 'responder' },
      patientIds: ['zz-0000001', 'zz-0000002'],
      detail: { deadLetter: 2, staging: 2, errorLog: 2 },
    });
    expect(job.purge('ir-lead')).toEqual({ deadLetter: 0, staging: 0, errorLog: 0 });
  });
});
