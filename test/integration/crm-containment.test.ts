import { describe, expect, it } from 'vitest';
import { containmentRig, reasonOf } from './containment-rig.ts';

describe('FieldPermissions: a SOAR takes back the read a profile gained', () => {
  const diagnosisRow = async (rig: Awaited<ReturnType<typeof containmentRig>>, token: string) => {
    const soql =
      "SELECT Id, Field, PermissionsRead FROM FieldPermissions WHERE ProfileName__c = 'Front Desk' AND Field = 'Account.Primary_Diagnosis__c'";
    const response = await rig.call('GET', `${rig.api}/query?q=${encodeURIComponent(soql)}`, { token });
    return ((await response.json()) as { records: Array<{ Id: string; PermissionsRead: boolean }> }).records;
  };

  it('PATCH PermissionsRead false flips fls-restored; true flips it back', async () => {
    const rig = await containmentRig('fls-overexposure');
    const admin = await rig.admin();
    const [row] = await diagnosisRow(rig, admin);
    expect(row?.PermissionsRead).toBe(true);
    expect(rig.probe('fls-restored')).toBe(false);
    const path = `${rig.api}/sobjects/FieldPermissions/${row!.Id}`;
    const patch = (body: unknown) => rig.call('PATCH', path, { token: admin, body: JSON.stringify(body) });
    expect((await patch({ PermissionsRead: false, PermissionsEdit: false })).status).toBe(204);
    expect(rig.probe('fls-restored')).toBe(true);
    expect((await diagnosisRow(rig, admin))[0]?.PermissionsRead).toBe(false);
    expect(rig.events.at(-2)).toMatchObject({
      action: 'sf.update',
      resource: { type: 'FieldPermissions', id: row!.Id },
    });
    expect((await patch({ PermissionsRead: true })).status).toBe(204);
    expect(rig.probe('fls-restored')).toBe(false);
  });

  it('refuses no token (401), the front desk itself (403), bad payloads (400), an unknown id (404)', async () => {
    const rig = await containmentRig('fls-overexposure');
    const admin = await rig.admin();
    const [row] = await diagnosisRow(rig, admin);
    const path = `${rig.api}/sobjects/FieldPermissions/${row!.Id}`;
    const off = JSON.stringify({ PermissionsRead: false });
    expect((await rig.call('PATCH', path, { body: off })).status).toBe(401);
    const desk = await rig.call('PATCH', path, { token: await rig.desk(), body: off });
    expect(desk.status).toBe(403);
    expect(await reasonOf(desk)).toMatch(/Customize Application/);
    for (const [body, reason] of [
      ['{"PermissionsRead": "no"}', /PermissionsRead \(true or false\)/],
      ['{"Field": "Account.Name", "PermissionsRead": false}', /Unable to create\/update fields: Field/],
      ['{"PermissionsRead": false, "PermissionsEdit": true}', /requires read access/],
      ['not json', /not a JSON object/],
    ] as const) {
      const refused = await rig.call('PATCH', path, { token: admin, body });
      expect(refused.status, body).toBe(400);
      expect(await reasonOf(refused)).toMatch(reason);
    }
    expect(
      (
        await rig.call('PATCH', `${rig.api}/sobjects/FieldPermissions/01k000000000000AAA`, {
          token: admin,
          body: off,
        })
      ).status,
    ).toBe(404);
    expect(rig.probe('fls-restored')).toBe(false);
  });
});

describe('leaked integration secret: rotate it, then delete the sessions', () => {
  const rotatePath = async (rig: Awaited<ReturnType<typeof containmentRig>>, token: string) => {
    const listed = await rig.call('GET', `${rig.api}/apps/oauth/credentials`, { token });
    const { apps } = (await listed.json()) as { apps: Array<{ appId: string; consumerKey: string }> };
    expect(JSON.stringify(apps)).not.toMatch(/secret/i);
    const app = apps.find((one) => one.consumerKey === rig.estate.credentials.crm.syncApp.clientId)!;
    return `${rig.api}/apps/oauth/credentials/${app.appId}/rotate`;
  };

  it('rotation flips credentials-rotated and keeps the org’s own sync logging in; OauthToken deletes flip sessions-revoked', async () => {
    const rig = await containmentRig('hardcoded-credentials');
    const admin = await rig.admin();
    expect(rig.probe('credentials-rotated')).toBe(false);
    const rotated = await rig.call('POST', await rotatePath(rig, admin), { token: admin });
    expect(rotated.status).toBe(200);
    const { consumerSecret } = (await rotated.json()) as { consumerSecret: string };
    expect(rig.probe('credentials-rotated')).toBe(true);
    expect(rig.estate.credentials.crm.syncApp.clientSecret).toBe(consumerSecret);
    expect(rig.events.some((e) => e.action === 'sf.connectedapp.secret-reset' && e.status === 200)).toBe(
      true,
    );
    expect(rig.probe('sessions-revoked')).toBe(false);
    const userId = rig.estate.crm.state.auth.userByName(rig.estate.credentials.crm.syncUser.username)!.id;
    const soql = `SELECT Id FROM OauthToken WHERE UserId = '${userId}'`;
    const listed = await rig.call('GET', `${rig.api}/query?q=${encodeURIComponent(soql)}`, { token: admin });
    for (const { Id } of ((await listed.json()) as { records: Array<{ Id: string }> }).records)
      expect(
        (await rig.call('DELETE', `${rig.api}/sobjects/OauthToken/${Id}`, { token: admin })).status,
      ).toBe(204);
    expect(rig.probe('sessions-revoked')).toBe(true);
  });

  it('refuses no token (401), a user without Manage Users (403) and an unknown app (404); the secret stays', async () => {
    const rig = await containmentRig('hardcoded-credentials');
    const admin = await rig.admin();
    const path = await rotatePath(rig, admin);
    expect((await rig.call('POST', path)).status).toBe(401);
    const desk = await rig.call('POST', path, { token: await rig.desk() });
    expect(desk.status).toBe(403);
    expect(await reasonOf(desk)).toMatch(/Manage Users/);
    expect(
      (await rig.call('GET', `${rig.api}/apps/oauth/credentials`, { token: await rig.desk() })).status,
    ).toBe(403);
    expect(
      (
        await rig.call('POST', `${rig.api}/apps/oauth/credentials/0H4000000000000AAA/rotate`, {
          token: admin,
        })
      ).status,
    ).toBe(404);
    expect(rig.probe('credentials-rotated')).toBe(false);
  });
});

describe('ContentDistribution: a SOAR deletes the recording’s public link', () => {
  const linkId = (rig: Awaited<ReturnType<typeof containmentRig>>) =>
    rig.events.findLast((e) => e.action === 'sf.file.share')!.resource.id!;

  it('DELETE flips link-revoked and the public URL stops answering', async () => {
    const rig = await containmentRig('telehealth-recording-exposed');
    const id = linkId(rig);
    const url = String(rig.estate.crm.state.records.get('ContentDistribution', id)!.DistributionPublicUrl);
    expect(rig.probe('link-revoked')).toBe(false);
    const admin = await rig.admin();
    expect(
      (await rig.call('DELETE', `${rig.api}/sobjects/ContentDistribution/${id}`, { token: admin })).status,
    ).toBe(204);
    expect(rig.probe('link-revoked')).toBe(true);
    expect((await rig.estate.fetch(url)).ok).toBe(false);
  });

  it('refuses no token (401), a user who neither owns nor administers the link (403), an unknown id (404)', async () => {
    const rig = await containmentRig('telehealth-recording-exposed');
    const path = `${rig.api}/sobjects/ContentDistribution/${linkId(rig)}`;
    expect((await rig.call('DELETE', path)).status).toBe(401);
    const desk = rig.estate.credentials.crm.frontDesk[1]!;
    const { consoleApp } = rig.estate.credentials.crm;
    const login = await rig.estate.fetch('/services/oauth2/token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: consoleApp.clientId,
        client_secret: consoleApp.clientSecret,
        username: desk.username,
        password: desk.password,
      }),
    });
    const other = ((await login.json()) as { access_token: string }).access_token;
    const refused = await rig.call('DELETE', path, { token: other });
    expect(refused.status).toBe(403);
    expect(await reasonOf(refused)).not.toBe('');
    const admin = await rig.admin();
    expect(
      (
        await rig.call('DELETE', `${rig.api}/sobjects/ContentDistribution/05D000000000000AAA`, {
          token: admin,
        })
      ).status,
    ).toBe(404);
    expect(rig.probe('link-revoked')).toBe(false);
  });
});
