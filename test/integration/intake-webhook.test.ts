import { readdir, readFile, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { signBody } from '../../src/controls/intakes/signature.ts';
import { type RunningWebhookIntake, startWebhookIntake } from '../../src/controls/intakes/webhook.ts';
import { fixedClock, type RecordingSink, recordingSink, START } from './intake-fixtures.ts';

const SECRET = 'test-secret-0123456789';
let intake: RunningWebhookIntake | undefined;
let sink: RecordingSink;

afterEach(async () => {
  await intake?.close();
  intake = undefined;
});

async function start(extra: { maxBytes?: number; secretEnv?: string } = {}) {
  sink = recordingSink();
  intake = await startWebhookIntake(
    { type: 'webhook', id: 'siem-hook', secretEnv: 'HOOK_SECRET', ...extra },
    { clock: fixedClock(), sink, env: { HOOK_SECRET: SECRET } },
  );
  return intake;
}

function post(body: string, headers: Record<string, string> = {}, url = intake!.url) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-phidrill-signature': signBody(SECRET, body),
      ...headers,
    },
    body,
  });
}

describe('webhook intake', () => {
  it('accepts a signed alert and an array of them, delivering each with the run-clock time', async () => {
    await start();
    const one = JSON.stringify({ result: { search_name: 'phi-bulk-read' }, level: 'critical' });
    const single = await post(one);
    expect(single.status).toBe(202);
    expect(await single.json()).toEqual({ accepted: 1 });
    const many = await post(JSON.stringify([{ n: 1 }, { n: 2 }]), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(await many.json()).toEqual({ accepted: 2 });
    expect(sink.alerts).toEqual([
      { intake: 'siem-hook', receivedAt: START, body: JSON.parse(one) },
      { intake: 'siem-hook', receivedAt: START, body: { n: 1 } },
      { intake: 'siem-hook', receivedAt: START, body: { n: 2 } },
    ]);
    expect(sink.rejections).toEqual([]);
    expect(intake!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/alerts$/);
    expect(intake!.describe()).toMatchObject({ url: intake!.url, secret: 'env HOOK_SECRET' });
  });

  it('answers a correctly signed alert nested thousands of levels deep with 400 and a reason, and records it', async () => {
    await start();
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const nested = await post(`{"alert":${deep}}`);
    expect(nested.status).toBe(400);
    expect(await nested.json()).toEqual({ error: 'malformed', reason: 'nested more than 64 levels deep' });
    expect((await post(JSON.stringify({ n: 1 }))).status).toBe(202);
    expect(sink.alerts.map((alert) => alert.body)).toEqual([{ n: 1 }]);
    expect(sink.rejections.map((r) => [r.status, r.reason])).toEqual([
      [400, 'malformed: nested more than 64 levels deep'],
    ]);
  });

  it('answers 401 for a missing or wrong signature, and delivers nothing', async () => {
    await start();
    const body = JSON.stringify({ rule: 'x' });
    const missing = await post(body, { 'x-phidrill-signature': '' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: 'unauthorized',
      reason: 'missing X-PhiDrill-Signature header',
    });
    const wrong = await post(body, { 'x-phidrill-signature': signBody('another-secret', body) });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).reason).toBe('X-PhiDrill-Signature does not match the body');
    const garbled = await post(body, { 'x-phidrill-signature': 'sha256=zz' });
    expect(garbled.status).toBe(401);
    const tampered = await fetch(intake!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-phidrill-signature': signBody(SECRET, body) },
      body: body.replace('x', 'y'),
    });
    expect(tampered.status).toBe(401);
    expect(sink.alerts).toEqual([]);
    expect(sink.rejections.map((r) => [r.status, r.reason])).toEqual([
      [401, 'unauthorized: missing X-PhiDrill-Signature header'],
      [401, 'unauthorized: X-PhiDrill-Signature does not match the body'],
      [401, 'unauthorized: X-PhiDrill-Signature does not match the body'],
      [401, 'unauthorized: X-PhiDrill-Signature does not match the body'],
    ]);
  });

  it('answers 413 past maxBytes, whether declared up front or streamed without a length', async () => {
    await start({ maxBytes: 64 });
    const big = JSON.stringify({ padding: 'x'.repeat(200) });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error: 'payload-too-large',
      reason: `body of ${big.length} bytes exceeds 64`,
    });
    const streamed = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(intake!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.write(big.slice(0, 100));
      req.end(big.slice(100));
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text)).toEqual({
      error: 'payload-too-large',
      reason: 'body exceeds 64 bytes',
    });
    expect(sink.rejections.map((r) => r.status)).toEqual([413, 413]);
    expect(sink.alerts).toEqual([]);
  });

  it('answers 400 for malformed JSON or anything that is not alert objects', async () => {
    await start();
    const cases = ['{"rule": ', '"just a string"', '[]', '[{"ok":1}, 7]'];
    const reasons: string[] = [];
    for (const body of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const answer = await res.json();
      expect(answer.error).toBe('malformed');
      reasons.push(answer.reason);
    }
    expect(reasons[0]).toMatch(/^malformed JSON \(/);
    expect(reasons.slice(1)).toEqual([
      'expected an alert object or an array of them',
      'empty array: no alerts',
      'item 1 is not a JSON object',
    ]);
    expect(sink.rejections).toHaveLength(4);
    expect(sink.alerts).toEqual([]);
  });

  it('answers 415 for a wrong content type, 404 for another path, 405 for another method', async () => {
    await start();
    const body = JSON.stringify({ rule: 'x' });
    const form = await post(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({
      error: 'unsupported-media-type',
      reason: 'content-type must be application/json',
    });
    const elsewhere = await post(body, {}, intake!.url.replace('/alerts', '/other'));
    expect(elsewhere.status).toBe(404);
    const get = await fetch(intake!.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(sink.rejections.map((r) => r.status)).toEqual([415, 404, 405]);
  });

  it('generates a secret when the env var is unset, shows where to read it, and removes it on close', async () => {
    sink = recordingSink();
    intake = await startWebhookIntake(
      { type: 'webhook', id: 'gen-hook', secretEnv: 'UNSET_SECRET', path: '/hooks/siem' },
      { clock: fixedClock(), sink, env: {} },
    );
    const file = intake.secretFile!;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const secret = await readFile(file, 'utf8');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const described = JSON.stringify(intake.describe());
    expect(described).toContain(file);
    expect(described).not.toContain(secret);
    const body = JSON.stringify({ rule: 'generated' });
    const res = await fetch(intake.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-phidrill-signature': signBody(secret, body) },
      body,
    });
    expect(res.status).toBe(202);
    await intake.close();
    intake = undefined;
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('refuses to start on a port already taken, leaving no secret behind', async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    await expect(
      startWebhookIntake(
        { type: 'webhook', id: 'clash', port },
        { clock: fixedClock(), sink: recordingSink(), env: {} },
      ),
    ).rejects.toThrow(/EADDRINUSE/);
    expect((await readdir(tmpdir())).filter((name) => name.startsWith('phi-drill-clash-'))).toEqual([]);
  });
});
