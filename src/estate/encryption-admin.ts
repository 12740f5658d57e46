import { HttpResponse, http, type RequestHandler } from 'msw';
import { z } from 'zod';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import { callerOf } from './caller.ts';
import type { PlatformEncryption } from './crm/platform-encryption.ts';
import { findField, findObject } from './crm/schema.ts';
import type { CrmState } from './crm/state.ts';

const POLICY_CHANGE = z.strictObject({ field: z.string().regex(/^\w+\.\w+$/), encrypted: z.boolean() });

/**
 * The CRM's encryption-policy console, as a SOAR calls it: `POST /crm/admin/encryption/fields` with
 * `{"field": "Account.SSN__c", "encrypted": true}` puts a field back under encryption (or takes it out).
 * The change is recorded in the Setup Audit Trail like one made in Setup.
 */
export function encryptionAdminHandlers(crm: CrmState, encryption: PlatformEncryption): RequestHandler[] {
  return [
    http.post('*/crm/admin/encryption/fields', async ({ request }) => {
      const admin = administratorOf(request, crm, 'changing the encryption policy');
      if (typeof admin !== 'string') return admin;
      const body = POLICY_CHANGE.safeParse(await request.json().catch(() => undefined));
      if (!body.success)
        return adminRefusal(400, 'expected a JSON body {"field": "Object.Field", "encrypted": true|false}');
      const [objectName, fieldName] = body.data.field.split('.') as [string, string];
      const object = findObject(objectName);
      const field = object && findField(object, fieldName);
      if (!object || !field) return adminRefusal(400, `no field ${body.data.field} in the org`);
      const user = crm.auth.userByName(admin)!;
      encryption.setField(object.name, field.name, body.data.encrypted, {
        actor: { id: user.id, type: 'responder', name: admin },
        caller: callerOf(request),
      });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
