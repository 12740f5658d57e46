import { hasPermission } from './auth.ts';
import { insufficientAccess, SfError } from './errors.ts';
import { type ApiCall, type ApiReply, type ApiRoute, patientIdsOf } from './rest-route.ts';
import { findObject } from './schema.ts';
import { compileSoql, type RecordResolver, type SObjectRecord } from './soql/evaluate.ts';
import type { QueryLocator } from './state.ts';

const DEFAULT_BATCH = 2000;

/** `GET query?q=` and `queryAll?q=`: runs SOQL with the caller's sharing and pages the result. */
export function queryRoute(includeDeleted: boolean): ApiRoute {
  return (call) => {
    const { state, meta, session } = call;
    const soql = call.url.searchParams.get('q');
    if (!soql) throw new SfError(400, 'MALFORMED_QUERY', 'A query string is required in the q parameter');
    meta.query = soql;
    meta.apiMethod = includeDeleted ? 'queryAll' : 'query';
    const compiled = compileSoql(soql, (object, field) =>
      state.canReadField(session.user, object.name, field.name),
    );
    const object = compiled.object;
    meta.entity = object.name;
    meta.fields = compiled.fields;
    const elf = object.name === 'EventLogFile';
    if (elf && !hasPermission(session.user, 'ViewEventLogFiles')) {
      throw insufficientAccess('Viewing event log files requires the View Event Log Files permission');
    }
    const source = state.sourceOf(
      object,
      includeDeleted,
      (record) => elf || state.canRead(session.user, record),
    );
    const now = state.ctx.clock.now();
    // Parents and children a relationship query reaches are subject to the same sharing as the rows.
    const resolver: RecordResolver = {
      byId: (id) => {
        const found = state.records.byId(id);
        return found && state.canRead(session.user, found.record) ? found : undefined;
      },
      children: (name) => {
        const child = findObject(name);
        return child ? state.recordsOf(child, false).filter((r) => state.canRead(session.user, r)) : [];
      },
    };
    const rows = compiled.select(source, now, resolver);
    if (compiled.count) {
      meta.rows = rows.length;
      return { status: 200, body: { totalSize: rows.length, done: true, records: [] } };
    }
    const batchSize = batchSizeOf(call.request);
    const locator = rows.length > batchSize ? state.mintId('QueryLocator') : undefined;
    const cursor = {
      userId: session.user.id,
      query: soql,
      object: object.name,
      fields: compiled.fields,
      records: rows,
      batchSize,
      shape: (record: SObjectRecord) => compiled.shape(record, { version: call.version, now, resolver }),
    };
    if (locator) state.locators.set(locator, cursor);
    return page(call, cursor, 0, locator);
  };
}

/** `GET query/{locator}-{offset}`: the next batch of an earlier query. */
export const queryMoreRoute: ApiRoute = (call) => {
  const { state, meta, session } = call;
  meta.apiMethod = 'queryMore';
  const match = /^(.+)-(\d+)$/.exec(call.params.locator ?? '');
  const cursor = match && state.locators.get(match[1]!);
  if (!match || !cursor || cursor.userId !== session.user.id) {
    throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  // Later pages are audited as completely as the first, whether or not anything stops the pull.
  meta.query = cursor.query;
  meta.entity = cursor.object;
  meta.fields = cursor.fields;
  return page(call, cursor, Number(match[2]), match[1]);
};

function page(call: ApiCall, cursor: QueryLocator, offset: number, locator: string | undefined): ApiReply {
  const batch = cursor.records.slice(offset, offset + cursor.batchSize);
  const next = offset + batch.length;
  const done = next >= cursor.records.length;
  call.meta.rows = batch.length;
  call.meta.patientIds = patientIdsOf(call.state, cursor.object, batch);
  return {
    status: 200,
    body: {
      totalSize: cursor.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${call.version}/query/${locator}-${next}` }),
      records: batch.map(cursor.shape),
    },
  };
}

/** `Sforce-Query-Options: batchSize=N`, which Salesforce treats as a hint between 200 and 2000. */
function batchSizeOf(request: Request): number {
  const header = request.headers.get('sforce-query-options');
  const requested = header ? Number(/batchSize=(\d+)/i.exec(header)?.[1]) : Number.NaN;
  if (!Number.isFinite(requested)) return DEFAULT_BATCH;
  return Math.min(2000, Math.max(200, requested));
}
