import { describe, expect, it } from 'vitest';
import { crmFixture } from './crm-fixture.ts';

const q = (soql: string) => `query?q=${encodeURIComponent(soql)}`;

async function setup() {
  const f = crmFixture(3);
  const { access_token: sync } = await f.login('sync@clinic.example.org', 'sync-pass-1');
  const { access_token: admin } = await f.login('admin@clinic.example.org', 'admin-pass-1');
  const { access_token: desk } = await f.login('desk@clinic.example.org', 'desk-pass-1');
  return { ...f, sync: sync!, adminToken: admin!, desk: desk! };
}

describe('OauthToken: revoking an app authorisation as a responder would', () => {
  it('lists live authorisations to an administrator by user, and deleting one revokes its tokens', async () => {
    const f = await setup();
    expect((await f.api(q('SELECT Id FROM Account LIMIT 1'), f.sync)).status).toBe(200);
    const soql = `SELECT Id, AppName, UserId, UseCount FROM OauthToken WHERE UserId = '${f.integration.id}'`;
    const listed = (await (await f.api(q(soql), f.adminToken)).json()) as {
      records: Array<{ Id: string; AppName: string; UserId: string }>;
    };
    expect(listed.records).toHaveLength(1);
    expect(listed.records[0]).toMatchObject({ AppName: f.app.name, UserId: f.integration.id });
    expect(listed.records[0]!.Id).toMatch(/^0CQ/);

    const revoked = await f.api(`sobjects/OauthToken/${listed.records[0]!.Id}`, f.adminToken, {
      method: 'DELETE',
    });
    expect(revoked.status).toBe(204);
    expect((await f.api(q('SELECT Id FROM Account LIMIT 1'), f.sync)).status).toBe(401);
    const after = (await (await f.api(q(soql), f.adminToken)).json()) as { records: unknown[] };
    expect(after.records).toEqual([]);
    expect(
      (await f.api(`sobjects/OauthToken/${listed.records[0]!.Id}`, f.adminToken, { method: 'DELETE' }))
        .status,
    ).toBe(404);
  });

  it('refuses a user without Manage Users, and shows such a user no one else’s authorisations', async () => {
    const f = await setup();
    const soql = `SELECT Id FROM OauthToken WHERE UserId = '${f.integration.id}'`;
    const seen = (await (await f.api(q(soql), f.desk)).json()) as { records: unknown[] };
    expect(seen.records).toEqual([]);
    const [token] = (
      (await (await f.api(q(soql), f.adminToken)).json()) as { records: Array<{ Id: string }> }
    ).records;
    const refused = await f.api(`sobjects/OauthToken/${token!.Id}`, f.desk, { method: 'DELETE' });
    expect(refused.status).toBe(403);
    expect((await f.api(q('SELECT Id FROM Account LIMIT 1'), f.sync)).status).toBe(200);
  });
});
