import { describe, expect, it } from 'vitest';
import { containmentRig, reasonOf } from './containment-rig.ts';

type Rig = Awaited<ReturnType<typeof containmentRig>>;

/** The Lead fields the web-to-lead-phi inject makes the form carry. */
const EXTRAS = ['Birthdate__c', 'Reason_For_Visit__c'];

async function query(rig: Rig, token: string, soql: string) {
  const response = await rig.call('GET', `${rig.api}/query?q=${encodeURIComponent(soql)}`, { token });
  expect(response.status, soql).toBe(200);
  return ((await response.json()) as { records: Array<Record<string, unknown>> }).records;
}

async function marketingLeadRows(rig: Rig, token: string) {
  return query(
    rig,
    token,
    "SELECT Id, Field, PermissionsRead FROM FieldPermissions WHERE ProfileName__c = 'Marketing' AND SobjectType = 'Lead'",
  );
}

describe('FieldPermissions: a SOAR takes Marketing’s read of Lead PHI back', () => {
  it('has a row for every custom field of every object, per profile, with ids that stay the same', async () => {
    const rig = await containmentRig('web-to-lead-phi', { extras: EXTRAS });
    const admin = await rig.admin();
    const rows = await marketingLeadRows(rig, admin);
    expect(rows.map((row) => row.Field).toSorted()).toEqual([
      'Lead.Birthdate__c',
      'Lead.Preferred_Date__c',
      'Lead.Reason_For_Visit__c',
    ]);
    expect(await marketingLeadRows(rig, admin)).toEqual(rows);
    const all = await query(rig, admin, 'SELECT Id, ProfileName__c, Field FROM FieldPermissions');
    const profiles = new Set(all.map((row) => row.ProfileName__c));
    expect(profiles).toContain('Front Desk');
    expect(profiles).toContain('Marketing');
    expect(all.map((row) => row.Field)).toContain('Case.Legal_Basis__c');
    expect(all.map((row) => row.Field)).not.toContain('FieldPermissions.ProfileName__c');
    expect(new Set(all.map((row) => row.Id)).size).toBe(all.length);
    expect(all.filter((row) => row.Field === 'Account.SSN__c')).toHaveLength(profiles.size);
  });

  it('PATCH PermissionsRead false flips lead-phi-restricted and records each change in the Setup Audit Trail', async () => {
    const rig = await containmentRig('web-to-lead-phi', { extras: EXTRAS });
    const admin = await rig.admin();
    expect(rig.probe('lead-phi-restricted')).toBe(false);
    const phiRows = (await marketingLeadRows(rig, admin)).filter((row) =>
      EXTRAS.includes(String(row.Field).slice('Lead.'.length)),
    );
    expect(phiRows.map((row) => row.PermissionsRead)).toEqual([true, true]);
    const off = JSON.stringify({ PermissionsRead: false });
    for (const row of phiRows) {
      const path = `${rig.api}/sobjects/FieldPermissions/${String(row.Id)}`;
      expect((await rig.call('PATCH', path, { token: admin, body: off })).status).toBe(204);
      // Saving the setting the field already has changes nothing, and records nothing.
      expect((await rig.call('PATCH', path, { token: admin, body: off })).status).toBe(204);
    }
    expect(rig.probe('lead-phi-restricted')).toBe(true);
    const changes = rig.events.filter((e) => e.action === 'sf.setup.change');
    expect(changes.map((e) => e.detail?.Display)).toEqual([
      'Removed read access to Lead.Birthdate__c for profile Marketing',
      'Removed read access to Lead.Reason_For_Visit__c for profile Marketing',
    ]);
    expect(changes[0]).toMatchObject({
      outcome: 'success',
      actor: { name: rig.estate.credentials.crm.admin.username },
      resource: { type: 'SetupAuditTrail' },
      detail: { Action: 'profileFieldReadRemoved', Section: 'Manage Users' },
    });
    const marketing = await rig.marketing();
    const refused = await rig.call(
      'GET',
      `${rig.api}/query?q=${encodeURIComponent('SELECT Id, Birthdate__c FROM Lead')}`,
      { token: marketing },
    );
    expect(refused.status).toBe(400);
  });

  it('refuses no token (401), Marketing itself (403), bad payloads (400) and an unknown id (404); nothing changes', async () => {
    const rig = await containmentRig('web-to-lead-phi', { extras: EXTRAS });
    const admin = await rig.admin();
    const birthdate = (await marketingLeadRows(rig, admin)).find((row) => row.Field === 'Lead.Birthdate__c')!;
    const path = `${rig.api}/sobjects/FieldPermissions/${String(birthdate.Id)}`;
    const off = JSON.stringify({ PermissionsRead: false });
    expect((await rig.call('PATCH', path, { body: off })).status).toBe(401);
    expect((await rig.call('PATCH', path, { token: 'not-a-token', body: off })).status).toBe(401);
    const self = await rig.call('PATCH', path, { token: await rig.marketing(), body: off });
    expect(self.status).toBe(403);
    expect(await reasonOf(self)).toMatch(/Customize Application/);
    for (const body of ['profile=Marketing', '{"profile": "Marketing", "PermissionsRead": false}', '{}']) {
      const refused = await rig.call('PATCH', path, { token: admin, body });
      expect(refused.status, body).toBe(400);
      expect(await reasonOf(refused), body).not.toBe('');
    }
    const unknown = `${rig.api}/sobjects/FieldPermissions/01k000000000000AAA`;
    expect((await rig.call('PATCH', unknown, { token: admin, body: off })).status).toBe(404);
    expect(rig.estate.crm.state.fieldSecurity.canRead('Marketing', 'Lead', 'Birthdate__c')).toBe(true);
    expect(rig.events.some((e) => e.action === 'sf.setup.change')).toBe(false);
  });
});
