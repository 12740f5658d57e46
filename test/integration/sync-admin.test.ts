import { describe, expect, it } from 'vitest';
import { CHANGE_TOPIC_POLICY_RETENTION_MS } from '../../src/estate/sync/change-topic.ts';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { observedEstate } from '../support/observed-estate.ts';

const BASE = 'https://estate.example.test';

/** An estate whose sync failed (dead letters, payloads in the error log) and whose topic kept PHI past its hour. */
async function failedSync() {
  const { clock, events, estate } = observedEstate({ seed: 6, patients: 5 });
  const { sync } = estate;
  sync.topic.configure({ retentionMs: 7 * 86_400_000, deleteOnAck: false }, 'broker-admin');
  sync.state.config.logPayloads = true;
  estate.crm.state.faults.set({ failWritesAfter: 0, status: 503, errorCode: 'SERVER_UNAVAILABLE' });
  estate.resyncBurst(3);
  for (let attempt = 0; attempt < 4; attempt++) await sync.runBatch();
  await clock.sleepUntil(clock.now() + CHANGE_TOPIC_POLICY_RETENTION_MS + 60_000);
  // The same state the sync-failure and queue-remnants containment probes read.
  const residue = () =>
    sync.state.deadLetter.length > 0 ||
    [...sync.state.staging.values()].some((row) => !row.encrypted) ||
    sync.state.errorLog.some((line) => line.payload !== undefined);
  const remnants = () => sync.topic.olderThan(CHANGE_TOPIC_POLICY_RETENTION_MS).length > 0;
  const post = (path: string, token?: string) => callConsole(estate, 'POST', `${BASE}${path}`, token);
  return { estate, events, residue, remnants, post };
}

describe('integration engine administrator console: purges a SOAR calls', () => {
  it('purges the failed sync’s residue and the topic’s stale PHI as the responder administrator', async () => {
    const rig = await failedSync();
    expect(rig.residue()).toBe(true);
    expect(rig.remnants()).toBe(true);
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const purged = await rig.post('/integration/admin/sync/purge', admin);
    expect(purged.status).toBe(200);
    expect(((await purged.json()) as { deadLetter: number }).deadLetter).toBeGreaterThan(0);
    expect(rig.residue()).toBe(false);
    const topic = await rig.post('/integration/admin/topic/purge', admin);
    expect(topic.status).toBe(200);
    expect(await topic.json()).toEqual({ olderThan: '1h', patients: 3 });
    expect(rig.remnants()).toBe(false);
    const username = rig.estate.credentials.crm.admin.username;
    for (const action of ['sync.purge', 'sync.topic.purge'])
      expect(rig.events.find((e) => e.action === action)?.actor).toEqual({ id: username, type: 'responder' });
  });

  it('refuses a missing or dead token (401) and a user without Manage Users (403); nothing is purged', async () => {
    const rig = await failedSync();
    for (const path of ['/integration/admin/sync/purge', '/integration/admin/topic/purge']) {
      expect((await rig.post(path)).status).toBe(401);
      expect((await rig.post(path, 'not-a-token')).status).toBe(401);
    }
    const desk = await crmToken(rig.estate, rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.post('/integration/admin/sync/purge', desk)).status).toBe(403);
    expect(rig.residue()).toBe(true);
    expect(rig.remnants()).toBe(true);
  });

  it('answers a bad olderThan with 400 and a reason', async () => {
    const rig = await failedSync();
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const bad = await rig.post('/integration/admin/topic/purge?olderThan=soon', admin);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/olderThan: 'soon' is not a duration/);
    expect(rig.remnants()).toBe(true);
  });
});
