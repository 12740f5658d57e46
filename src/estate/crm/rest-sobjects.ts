import { type CrmUser, hasPermission } from './auth.ts';
import { insufficientAccess, notFound, SfError } from './errors.ts';
import { storedObject } from './records.ts';
import { apiRecord } from './rest-format.ts';
import { type ApiCall, type ApiRoute, patientIdsOf, readJson } from './rest-route.ts';
import { findField, findObject, type ObjectDef } from './schema.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import type { CrmState } from './state.ts';

/** `GET sobjects/{Obj}/{Id}[?fields=a,b]`, honouring sharing. */
export const retrieveRoute: ApiRoute = (call) => {
  const { state, meta, session } = call;
  const object = knownObject(call.params.object!);
  meta.entity = object.name;
  meta.resourceId = call.params.id;
  const record =
    object.name === 'EventLogFile'
      ? eventLogFile(state, session.user, call.params.id!)
      : readable(call, object);
  const requested = call.url.searchParams.get('fields');
  const readableField = (name: string) => state.canReadField(session.user, object.name, name);
  const fields = requested
    ? requested.split(',').map((name) => {
        const def = findField(object, name.trim());
        if (!def || !readableField(def.name))
          throw new SfError(
            400,
            'INVALID_FIELD',
            `No such column '${name.trim()}' on entity '${object.name}'`,
          );
        return def.name;
      })
    : object.fields.map((f) => f.name).filter(readableField);
  meta.fields = fields;
  meta.rows = 1;
  meta.resourceId = String(record.Id);
  meta.patientIds = patientIdsOf(state, object.name, [record]);
  return { status: 200, body: apiRecord(object.name, record, fields, call.version) };
};

/** `POST sobjects/{Obj}`: 201 `{id, success, errors}`; the caller owns the new record. */
export const createRoute: ApiRoute = async (call) => {
  const { state, meta, session } = call;
  const object = storedObject(call.params.object!);
  meta.entity = object.name;
  const body = await readJson(call);
  meta.fields = writtenFields(object, body);
  guardUserWrites(object, session.user);
  const record = state.records.insert(object.name, body, session.user.id);
  wrote(call, object, record);
  return { status: 201, body: { id: record.Id, success: true, errors: [] } };
};

/** `PATCH sobjects/{Obj}/{Id}`: 204 on success. */
export const updateRoute: ApiRoute = async (call) => {
  const { state, meta } = call;
  const object = storedObject(call.params.object!);
  meta.entity = object.name;
  meta.resourceId = call.params.id;
  const body = await readJson(call);
  meta.fields = writtenFields(object, body);
  const record = editable(call, object, readable(call, object));
  wrote(call, object, state.records.update(object.name, String(record.Id), body, call.session.user.id));
  return { status: 204 };
};

/** `DELETE sobjects/{Obj}/{Id}`: soft delete (queryAll still sees it), 204. */
export const deleteRoute: ApiRoute = (call) => {
  const object = storedObject(call.params.object!);
  call.meta.entity = object.name;
  call.meta.resourceId = call.params.id;
  const record = editable(call, object, readable(call, object));
  call.state.records.delete(object.name, String(record.Id));
  call.meta.rows = 1;
  return { status: 204 };
};

/** `PATCH sobjects/{Obj}/{ExternalIdField}/{value}`: 201 when created, 200 `created: false` when updated. */
export const upsertRoute: ApiRoute = async (call) => {
  const { state, meta, session } = call;
  const object = storedObject(call.params.object!);
  meta.entity = object.name;
  const body = await readJson(call);
  meta.fields = writtenFields(object, body);
  const value = decodeURIComponent(call.params.value!);
  const { matches } = state.records.matchExternalId(object.name, call.params.field!, value);
  for (const match of matches) editable(call, object, match);
  if (matches.length === 0) guardUserWrites(object, session.user);
  const { record, created } = state.records.upsert(
    object.name,
    call.params.field!,
    value,
    body,
    session.user.id,
  );
  wrote(call, object, record);
  return {
    status: created ? 201 : 200,
    body: { id: record.Id, success: true, errors: [], created },
  };
};

function knownObject(name: string): ObjectDef {
  const object = findObject(name);
  if (!object) throw notFound(`The requested resource does not exist: sObject type '${name}'`);
  return object;
}

function readable(call: ApiCall, object: ObjectDef): SObjectRecord {
  const found = call.state.records.get(storedObject(object.name).name, call.params.id!);
  if (!found) throw notFound();
  if (!call.state.canRead(call.session.user, found)) {
    throw insufficientAccess('insufficient access rights on object id');
  }
  return found;
}

function editable(call: ApiCall, object: ObjectDef, record: SObjectRecord): SObjectRecord {
  guardUserWrites(object, call.session.user);
  if (!call.state.canEdit(call.session.user, record)) {
    throw new SfError(403, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
  }
  return record;
}

/** Writing User records is administration, not data access. */
function guardUserWrites(object: ObjectDef, user: CrmUser): void {
  if (
    object.name === 'User' &&
    !hasPermission(user, 'ManageUsers') &&
    !hasPermission(user, 'ModifyAllData')
  ) {
    throw insufficientAccess('Managing users requires the Manage Users permission');
  }
}

function eventLogFile(state: CrmState, user: CrmUser, id: string): SObjectRecord {
  if (!hasPermission(user, 'ViewEventLogFiles')) {
    throw insufficientAccess('Viewing event log files requires the View Event Log Files permission');
  }
  const file = state.log.files().find((f) => String(f.Id).slice(0, 15) === id.slice(0, 15));
  if (!file) throw notFound();
  return file;
}

function writtenFields(object: ObjectDef, body: Record<string, unknown>): string[] {
  return Object.keys(body)
    .filter((key) => key !== 'attributes')
    .map((key) => findField(object, key)?.name ?? key);
}

function wrote(call: ApiCall, object: ObjectDef, record: SObjectRecord): void {
  call.meta.resourceId = String(record.Id);
  call.meta.rows = 1;
  call.meta.patientIds = patientIdsOf(call.state, object.name, [record]);
}
