import { HttpResponse, http, type RequestHandler } from 'msw';
import { z } from 'zod';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import { callerOf } from './caller.ts';
import { findField, findObject } from './crm/schema.ts';
import { recordSetupChange } from './crm/setup-audit.ts';
import type { CrmState } from './crm/state.ts';

const RESTRICTION = z.strictObject({
  profile: z.string().min(1),
  object: z.string().min(1),
  field: z.string().min(1),
});

/**
 * The CRM's field-level security console, as a SOAR calls it: `POST /crm/admin/field-security/restrict`
 * with `{profile, object, field}` removes the profile's read access to the field. The change is
 * recorded in the Setup Audit Trail like one made in Setup.
 */
export function fieldSecurityAdminHandlers(crm: CrmState): RequestHandler[] {
  return [
    http.post('*/crm/admin/field-security/restrict', async ({ request }) => {
      const admin = administratorOf(request, crm, 'changing field-level security');
      if (typeof admin !== 'string') return admin;
      const body = RESTRICTION.safeParse(await request.json().catch(() => undefined));
      if (!body.success) return adminRefusal(400, 'expected a JSON body {"profile", "object", "field"}');
      const { profile, object, field } = body.data;
      const sobject = findObject(object);
      const found = sobject && findField(sobject, field);
      if (!sobject || !found) return adminRefusal(400, `no field ${object}.${field} in the org`);
      if (![...crm.auth.users.values()].some((user) => user.profile === profile))
        return adminRefusal(404, `no profile named ${profile}`);
      crm.fieldSecurity.revokeRead(profile, sobject.name, found.name);
      const user = crm.auth.userByName(admin)!;
      recordSetupChange(crm, {
        action: 'profileFieldReadRemoved',
        section: 'Manage Users',
        display: `Removed read access to ${sobject.name}.${found.name} for profile ${profile}`,
        actor: { id: user.id, type: 'responder', name: admin },
        caller: callerOf(request),
      });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
