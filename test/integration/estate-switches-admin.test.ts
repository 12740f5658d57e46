import { describe, expect, it } from 'vitest';
import { containmentRig, reasonOf } from './containment-rig.ts';

type Rig = Awaited<ReturnType<typeof containmentRig>>;

/** Every console refuses the same way: no token 401, a user without Manage Users 403, nothing changed. */
async function refusesStrangers(rig: Rig, method: string, path: string, body?: string) {
  const missing = await rig.call(method, path, body === undefined ? {} : { body });
  expect(missing.status).toBe(401);
  expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect(await reasonOf(missing)).toMatch(/access token/);
  const desk = await rig.call(method, path, {
    token: await rig.desk(),
    ...(body === undefined ? {} : { body }),
  });
  expect(desk.status).toBe(403);
  expect(await reasonOf(desk)).toMatch(/Manage Users/);
}

describe('edge block list (api-flood)', () => {
  const sources = (rig: Rig) => [
    ...new Set(rig.events.filter((e) => e.userAgent?.startsWith('PatientEngageSync')).map((e) => e.sourceIp)),
  ];

  it('blocking every flooding address flips source-blocked, and their next call gets the policy refusal', async () => {
    const rig = await containmentRig('api-flood', { requests: 40, sources: 2 });
    const admin = await rig.admin();
    const [first, second] = sources(rig);
    expect((await rig.call('PUT', `/network/admin/blocklist/${first}`, { token: admin })).status).toBe(200);
    expect(rig.probe('source-blocked')).toBe(false);
    expect((await rig.call('PUT', `/network/admin/blocklist/${second}`, { token: admin })).status).toBe(200);
    expect(rig.probe('source-blocked')).toBe(true);
    const refused = await rig.call('GET', `${rig.api}/limits`, {
      token: admin,
      headers: { 'x-forwarded-for': first! },
    });
    expect(refused.status).toBe(403);
    expect(await reasonOf(refused)).toMatch(/security policy/);
    expect(rig.events.filter((e) => e.action === 'network.block').map((e) => e.resource.id)).toEqual([
      first,
      second,
    ]);
    const listed = await rig.call('GET', '/network/admin/blocklist', { token: admin });
    expect(((await listed.json()) as { addresses: string[] }).addresses).toEqual([first, second].sort());
  });

  it('refuses strangers and a value that is not an address (400)', async () => {
    const rig = await containmentRig('api-flood', { requests: 40, sources: 1 });
    const [source] = sources(rig);
    await refusesStrangers(rig, 'PUT', `/network/admin/blocklist/${source}`);
    const bad = await rig.call('PUT', '/network/admin/blocklist/not-an-ip', { token: await rig.admin() });
    expect(bad.status).toBe(400);
    expect(await reasonOf(bad)).toMatch(/not an IPv4 or IPv6 address/);
    expect(rig.probe('source-blocked')).toBe(false);
  });
});

describe('EHR audit switch (audit-trail-gap)', () => {
  it('turning recording back on flips audit-restored; off again flips it back', async () => {
    const rig = await containmentRig('audit-trail-gap');
    const admin = await rig.admin();
    expect(rig.probe('audit-restored')).toBe(false);
    const on = await rig.call('PUT', '/ehr/admin/audit', { token: admin, body: '{"enabled": true}' });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ enabled: true, was: false });
    expect(rig.probe('audit-restored')).toBe(true);
    expect(rig.events.at(-1)).toMatchObject({ action: 'ehr.audit.configure', actor: { type: 'responder' } });
    await rig.call('PUT', '/ehr/admin/audit', { token: admin, body: '{"enabled": false}' });
    expect(rig.probe('audit-restored')).toBe(false);
  });

  it('refuses strangers and bad payloads with the field at fault', async () => {
    const rig = await containmentRig('audit-trail-gap');
    await refusesStrangers(rig, 'PUT', '/ehr/admin/audit', '{"enabled": true}');
    const admin = await rig.admin();
    for (const [body, reason] of [
      ['{"enabled": "yes"}', /^enabled: /],
      ['{"enabled": true, "table": "x"}', /table/],
      ['{', /must be JSON/],
    ] as const) {
      const refused = await rig.call('PUT', '/ehr/admin/audit', { token: admin, body });
      expect(refused.status, body).toBe(400);
      expect(await reasonOf(refused)).toMatch(reason);
    }
    expect(rig.probe('audit-restored')).toBe(false);
  });
});

describe('intake logging switches and log redaction (phi-in-error-logs)', () => {
  it('needs both: logging off alone leaves logs-redacted false until the lines are redacted', async () => {
    const rig = await containmentRig('phi-in-error-logs');
    const admin = await rig.admin();
    const off = JSON.stringify({ verboseErrors: false, logPayloads: false });
    expect((await rig.call('PATCH', '/integration/admin/intake', { token: admin, body: off })).status).toBe(
      200,
    );
    expect(rig.probe('logs-redacted')).toBe(false);
    const redact = await rig.call('POST', '/integration/admin/logs/integration.intake/redact', {
      token: admin,
    });
    expect(redact.status).toBe(200);
    expect(((await redact.json()) as { redacted: number }).redacted).toBeGreaterThan(0);
    expect(rig.probe('logs-redacted')).toBe(true);
    expect(
      rig.events.some(
        (e) => e.action === 'applog.redact' && e.actor.id === rig.estate.credentials.crm.admin.username,
      ),
    ).toBe(true);
  });

  it('a redaction window that ends before the leak redacts nothing', async () => {
    const rig = await containmentRig('phi-in-error-logs');
    const admin = await rig.admin();
    await rig.call('PATCH', '/integration/admin/intake', {
      token: admin,
      body: '{"verboseErrors": false, "logPayloads": false}',
    });
    const body = JSON.stringify({ to: '2020-01-01T00:00:00Z' });
    const none = await rig.call('POST', '/integration/admin/logs/integration.intake/redact', {
      token: admin,
      body,
    });
    expect(((await none.json()) as { redacted: number }).redacted).toBe(0);
    expect(rig.probe('logs-redacted')).toBe(false);
  });

  it('refuses strangers, bad payloads (400) and an unknown logger (404)', async () => {
    const rig = await containmentRig('phi-in-error-logs');
    await refusesStrangers(rig, 'PATCH', '/integration/admin/intake', '{"verboseErrors": false}');
    await refusesStrangers(rig, 'POST', '/integration/admin/logs/integration.intake/redact');
    const admin = await rig.admin();
    for (const [method, path, body, reason] of [
      ['PATCH', '/integration/admin/intake', '{}', /verboseErrors or logPayloads/],
      ['PATCH', '/integration/admin/intake', '{"verboseErrors": 0}', /^verboseErrors: /],
      ['POST', '/integration/admin/logs/integration.intake/redact', '{"from": "yesterday"}', /^from: /],
    ] as const) {
      const refused = await rig.call(method, path, { token: admin, body });
      expect(refused.status, body).toBe(400);
      expect(await reasonOf(refused)).toMatch(reason);
    }
    expect(
      (await rig.call('POST', '/integration/admin/logs/no.such.logger/redact', { token: admin })).status,
    ).toBe(404);
    expect(rig.probe('logs-redacted')).toBe(false);
  });
});

describe('reminder job pause (phi-in-notification-email)', () => {
  it('pausing flips reminders-paused, through the job’s own pause event', async () => {
    const rig = await containmentRig('phi-in-notification-email');
    expect(rig.probe('reminders-paused')).toBe(false);
    await refusesStrangers(rig, 'POST', '/mail/admin/reminders/pause');
    expect(rig.probe('reminders-paused')).toBe(false);
    const paused = await rig.call('POST', '/mail/admin/reminders/pause', { token: await rig.admin() });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toEqual({ paused: true, wasRunning: true });
    expect(rig.probe('reminders-paused')).toBe(true);
    expect(rig.events.at(-1)).toMatchObject({ action: 'mail.reminders.pause', actor: { type: 'responder' } });
  });
});

describe('appointment finder method (phi-in-url)', () => {
  it('POST flips urls-clean; GET flips it back', async () => {
    const rig = await containmentRig('phi-in-url');
    const admin = await rig.admin();
    expect(rig.probe('urls-clean')).toBe(false);
    const post = await rig.call('PUT', '/portal/admin/finder', {
      token: admin,
      body: '{"method": "post", "analyticsTag": false}',
    });
    expect(post.status).toBe(200);
    expect(rig.probe('urls-clean')).toBe(true);
    expect(rig.events.at(-1)).toMatchObject({
      action: 'portal.finder.configure',
      detail: { method: 'post' },
    });
    await rig.call('PUT', '/portal/admin/finder', { token: admin, body: '{"method": "get"}' });
    expect(rig.probe('urls-clean')).toBe(false);
  });

  it('refuses strangers and a method the finder does not have', async () => {
    const rig = await containmentRig('phi-in-url');
    await refusesStrangers(rig, 'PUT', '/portal/admin/finder', '{"method": "post"}');
    const refused = await rig.call('PUT', '/portal/admin/finder', {
      token: await rig.admin(),
      body: '{"method": "PUT"}',
    });
    expect(refused.status).toBe(400);
    expect(await reasonOf(refused)).toMatch(/^method: /);
    expect(rig.probe('urls-clean')).toBe(false);
  });
});
