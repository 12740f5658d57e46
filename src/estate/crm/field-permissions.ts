import { actorTypeOf, hasPermission } from './auth.ts';
import { COMPUTED_OBJECTS } from './computed-objects.ts';
import { insufficientAccess, notFound, SfError } from './errors.ts';
import { changeFieldRead } from './field-read-change.ts';
import { type ApiRoute, readJson } from './rest-route.ts';
import { SOBJECTS } from './schema.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import type { CrmState } from './state.ts';

interface FieldPermission {
  profile: string;
  object: string;
  field: string;
}

/** Every custom field of every record object: Salesforce keeps a FieldPermissions row for each. */
const GOVERNED: ReadonlyArray<{ object: string; field: string }> = SOBJECTS.filter(
  (object) => !COMPUTED_OBJECTS.has(object.name),
).flatMap((object) =>
  object.fields
    .filter((field) => field.name.endsWith('__c'))
    .map((field) => ({ object: object.name, field: field.name })),
);

/**
 * Ids stay the same for the life of an org: one per profile and field, minted the first time a
 * query or an update reaches the rows, so requests that never touch FieldPermissions pay nothing.
 */
const idsByState = new WeakMap<CrmState, Map<string, string>>();

function permissionsOf(state: CrmState): Array<FieldPermission & { id: string }> {
  const ids = idsByState.get(state) ?? new Map<string, string>();
  idsByState.set(state, ids);
  const profiles = [...new Set([...state.auth.users.values()].map((user) => user.profile))].sort();
  return profiles.flatMap((profile) =>
    GOVERNED.map(({ object, field }) => {
      const key = `${profile}\u0000${object}.${field}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = state.mintId('FieldPermissions');
        ids.set(key, id);
      }
      return { id, profile, object, field };
    }),
  );
}

/**
 * `FieldPermissions`: one row per profile and custom field, what Setup's field-level security
 * shows. Salesforce reaches the profile through `Parent.Profile.Name`; this org names it flat, as its
 * User records do (`ProfileName__c`). What a responder queries and updates to take a read back.
 */
export function fieldPermissionRecords(state: CrmState): SObjectRecord[] {
  return permissionsOf(state).map(({ id, profile, object, field }) => {
    const readable = state.fieldSecurity.canRead(profile, object, field);
    return {
      Id: id,
      ProfileName__c: profile,
      SobjectType: object,
      Field: `${object}.${field}`,
      PermissionsRead: readable,
      PermissionsEdit: readable,
    };
  });
}

/**
 * `PATCH sobjects/FieldPermissions/{Id}` with `{"PermissionsRead": false}` hides the field from the
 * profile (Customize Application in Salesforce; here the administrator's Modify All Data). Edit access
 * follows read: without read there is no edit, and edit is not modelled apart. A change is recorded
 * in the Setup Audit Trail under the administrator's username, as Setup records it.
 */
export const updateFieldPermissionsRoute: ApiRoute = async (call) => {
  const { state, meta, session } = call;
  meta.entity = 'FieldPermissions';
  meta.resourceId = call.params.id;
  if (!hasPermission(session.user, 'ModifyAllData'))
    throw insufficientAccess('Changing field-level security requires the Customize Application permission');
  const permission = permissionsOf(state).find((row) => row.id === call.params.id);
  if (!permission) throw notFound();
  const body = await readJson(call);
  const unknown = Object.keys(body).filter(
    (key) => key !== 'attributes' && key !== 'PermissionsRead' && key !== 'PermissionsEdit',
  );
  if (unknown.length > 0)
    throw new SfError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${unknown.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      unknown,
    );
  const read = body.PermissionsRead;
  if (typeof read !== 'boolean')
    throw new SfError(400, 'REQUIRED_FIELD_MISSING', 'PermissionsRead (true or false) is required', [
      'PermissionsRead',
    ]);
  if (body.PermissionsEdit === true && !read)
    throw new SfError(
      400,
      'FIELD_INTEGRITY_EXCEPTION',
      'Edit access requires read access: PermissionsEdit cannot be true when PermissionsRead is false',
      ['PermissionsEdit'],
    );
  const { profile, object, field } = permission;
  const { user } = session;
  changeFieldRead(state, {
    profile,
    object,
    field,
    read,
    actor: { id: user.id, type: actorTypeOf(user), name: user.username },
    caller: call.caller,
  });
  meta.fields = ['PermissionsRead'];
  meta.rows = 1;
  meta.detail = { profile, field: `${object}.${field}`, PermissionsRead: read };
  return { status: 204 };
};
