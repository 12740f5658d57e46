import { describe, expect, it } from 'vitest';
import { bearer, crmToken } from '../support/crm-console.ts';
import { observedEstate } from '../support/observed-estate.ts';

function rig() {
  const { events, estate } = observedEstate({ seed: 4, patients: 5 });
  estate.crm.encryption.setField('Account', 'SSN__c', false, { actor: { id: 'someone', type: 'admin' } });
  const change = (body: unknown, token?: string) =>
    estate.fetch('/crm/admin/encryption/fields', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...bearer(token),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const encrypted = () => estate.crm.encryption.isEncrypted('Account', 'SSN__c');
  return { estate, events, change, encrypted };
}

const SSN_ON = { field: 'Account.SSN__c', encrypted: true };

describe('CRM encryption-policy console a SOAR calls', () => {
  it('puts a field back under encryption as the responder administrator, recorded in the Setup Audit Trail', async () => {
    const { estate, events, change, encrypted } = rig();
    expect(encrypted()).toBe(false);
    expect((await change(SSN_ON, await crmToken(estate, estate.credentials.crm.admin))).status).toBe(204);
    expect(encrypted()).toBe(true);
    expect(events.filter((e) => e.action === 'sf.setup.change').at(-1)).toMatchObject({
      actor: { type: 'responder', name: estate.credentials.crm.admin.username },
      detail: {
        Action: 'encryptionPolicyFieldEnabled',
        Section: 'Platform Encryption',
        Display: 'Enabled encryption for field Account.SSN__c',
      },
    });
  });

  it('refuses a missing token with 401 and a user without Modify All Data with 403', async () => {
    const { estate, change, encrypted } = rig();
    expect((await change(SSN_ON)).status).toBe(401);
    const refused = await change(SSN_ON, await crmToken(estate, estate.credentials.crm.frontDesk[0]!));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: expect.stringContaining('changing the encryption policy'),
    });
    expect(encrypted()).toBe(false);
  });

  it('answers 400 with a reason for a malformed body or an unknown field', async () => {
    const { estate, change, encrypted } = rig();
    const admin = await crmToken(estate, estate.credentials.crm.admin);
    const malformed = await change({ field: 'SSN__c', encrypted: true }, admin);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: expect.stringContaining('"Object.Field"') });
    expect((await change({ ...SSN_ON, encrypted: 'yes' }, admin)).status).toBe(400);
    const unknown = await change({ field: 'Account.Genome__c', encrypted: true }, admin);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'no field Account.Genome__c in the org' });
    expect(encrypted()).toBe(false);
  });
});
