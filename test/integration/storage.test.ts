import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstateContext } from '../../src/estate/context.ts';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { createStorage } from '../../src/estate/storage/index.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const OUTSIDE = { 'x-forwarded-for': '203.0.113.9', 'user-agent': 'curl/8.5.0' };

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-03T14:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const ctx = createEstateContext(clock, bus, 1);
  const storage = createStorage(ctx);
  const fetch = createDispatch(() => storage.handlers, ctx);
  const key = storage.state.issueKey({ id: 'svc-backup', name: 'Backup', type: 'service' });
  storage.state.createBucket({
    name: 'private-bkt',
    owner: 'svc-backup',
    publicRead: false,
    encrypted: true,
  });
  storage.state.createBucket({ name: 'public-bkt', owner: 'web', publicRead: true, encrypted: false });
  const put = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(path, { method: 'PUT', headers: { authorization: `Bearer ${key}`, ...headers }, body });
  return { storage, fetch, events, put, key };
}

describe('object store', () => {
  it('refuses an unsigned upload with S3 AccessDenied XML and stores a signed one', async () => {
    const { fetch, put, storage } = rig();
    const denied = await fetch('/storage/private-bkt/a.txt', { method: 'PUT', body: 'x' });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toMatch(
      /<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><RequestId>req-/,
    );
    const stored = await put('/storage/private-bkt/dir/a.txt', 'hello');
    expect(stored.status).toBe(200);
    expect(stored.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(storage.state.object('private-bkt', 'dir/a.txt')).toMatchObject({
      owner: 'svc-backup',
      encrypted: true,
      acl: 'private',
    });
  });

  it('serves anonymous reads only from a public bucket or a public-read object', async () => {
    const { fetch, put } = rig();
    await put('/storage/private-bkt/secret.txt', 'private');
    await put('/storage/private-bkt/shared.txt', 'shared', { 'x-amz-acl': 'public-read' });
    await put('/storage/public-bkt/page.html', '<h1>hi</h1>');
    expect((await fetch('/storage/private-bkt/secret.txt', { headers: OUTSIDE })).status).toBe(403);
    expect((await fetch('/storage/private-bkt/missing.txt', { headers: OUTSIDE })).status).toBe(403);
    const shared = await fetch('/storage/private-bkt/shared.txt', { headers: OUTSIDE });
    expect([shared.status, await shared.text()]).toEqual([200, 'shared']);
    expect(shared.headers.get('x-amz-server-side-encryption')).toBe('AES256');
    expect((await fetch('/storage/public-bkt/page.html', { headers: OUTSIDE })).status).toBe(200);
  });

  it('writes an access-log line and a storage telemetry event for every request, anonymous ones included', async () => {
    const { fetch, put, storage, events } = rig();
    await put('/storage/public-bkt/page.html', '<h1>hi</h1>');
    const read = await fetch('/storage/public-bkt/page.html', { headers: OUTSIDE });
    const requestId = read.headers.get('x-request-id')!;
    expect(storage.state.accessLog.find((line) => line.requestId === requestId)).toEqual({
      time: Date.parse('2026-03-03T14:00:00Z'),
      requestId,
      bucket: 'public-bkt',
      key: 'page.html',
      operation: 'REST.GET.OBJECT',
      requester: 'anonymous',
      sourceIp: '203.0.113.9',
      userAgent: 'curl/8.5.0',
      status: 200,
      bytes: 11,
    });
    expect(events.at(-1)).toMatchObject({
      system: 'storage',
      action: 'storage.get',
      actor: { id: 'anonymous', type: 'anonymous' },
      resource: { type: 'StorageObject', id: 'public-bkt/page.html' },
      outcome: 'success',
      detail: { bucket: 'public-bkt', key: 'page.html', bytes: 11, public: true },
    });
  });

  it('keeps no access-log lines while logging is off, though telemetry still flows', async () => {
    const { fetch, put, storage, events } = rig();
    storage.state.config.accessLog.enabled = false;
    await put('/storage/public-bkt/page.html', '<h1>hi</h1>');
    await fetch('/storage/public-bkt/page.html', { headers: OUTSIDE });
    expect(storage.state.accessLog).toEqual([]);
    expect(events.map((event) => event.action)).toEqual(['storage.put', 'storage.get']);
  });

  it('containment makes the object private and the bucket policy non-public, and anonymous reads fail', async () => {
    const { fetch, put, storage, events } = rig();
    await put('/storage/public-bkt/export.csv', 'MRN\nZZTEST-00000001', { 'x-amz-acl': 'public-read' });
    storage.state.makePrivate('public-bkt', 'export.csv', 'responder-1');
    expect(storage.state.isPublic('public-bkt', 'export.csv')).toBe(false);
    expect((await fetch('/storage/public-bkt/export.csv', { headers: OUTSIDE })).status).toBe(403);
    expect(events.filter((e) => e.actor.type === 'responder').map((e) => e.action)).toEqual([
      'storage.acl',
      'storage.bucket.policy',
    ]);
  });
});
