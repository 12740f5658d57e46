import { type HttpHandler, http } from 'msw';
import { callerOf } from '../caller.ts';
import { childRelationshipsOf } from './child-relationships.ts';
import { notFound } from './errors.ts';
import type { ApiRoute } from './rest-route.ts';
import { type FieldDef, findObject, type ObjectDef, SOBJECTS } from './schema.ts';
import type { CrmState } from './state.ts';
import { emitCrmEvent } from './telemetry.ts';

const SOAP_TYPE: Record<FieldDef['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  base64: 'xsd:base64Binary',
};

function urls(object: ObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function summary(object: ObjectDef, version: string): Record<string, unknown> {
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    createable: object.createable,
    updateable: object.createable,
    deletable: object.createable,
    queryable: true,
    retrieveable: true,
    searchable: object.createable,
    urls: urls(object, version),
  };
}

/** The describe result for one object, derived from its field table. */
export function describeObject(object: ObjectDef, version: string): Record<string, unknown> {
  return {
    ...summary(object, version),
    fields: object.fields.map((f) => ({
      name: f.name,
      type: f.type,
      soapType: SOAP_TYPE[f.type],
      label: f.label,
      length: f.length,
      custom: f.name.endsWith('__c'),
      createable: f.createable,
      updateable: f.updateable,
      filterable: f.filterable,
      sortable: f.filterable,
      nillable: f.nillable,
      externalId: f.externalId,
      idLookup: f.type === 'id' || f.externalId,
      unique: f.type === 'id',
      referenceTo: f.referenceTo,
      relationshipName: f.relationshipName,
      polymorphicForeignKey: f.referenceTo.length > 1,
      defaultedOnCreate: !f.createable && f.type !== 'id',
    })),
    childRelationships: childRelationshipsOf(object.name),
    recordTypeInfos: [],
  };
}

function describable(name: string): ObjectDef {
  const object = findObject(name);
  if (!object) throw notFound(`The requested resource does not exist: sObject type '${name}'`);
  return object;
}

/** Describe lists only the fields the caller's profile may read, as field-level security does. */
export const describeRoute: ApiRoute = (call) => {
  const object = describable(call.params.object!);
  call.meta.entity = object.name;
  const fields = object.fields.filter((f) => call.state.canReadField(call.session.user, object.name, f.name));
  return { status: 200, body: describeObject({ ...object, fields }, call.version) };
};

export const basicInfoRoute: ApiRoute = (call) => {
  const object = describable(call.params.object!);
  call.meta.entity = object.name;
  return { status: 200, body: { objectDescribe: summary(object, call.version), recentItems: [] } };
};

export const globalDescribeRoute: ApiRoute = (call) => ({
  status: 200,
  body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects: SOBJECTS.map((o) => summary(o, call.version)) },
});

export const resourcesRoute: ApiRoute = (call) => {
  const base = `/services/data/v${call.version}`;
  const names = ['sobjects', 'query', 'queryAll', 'analytics', 'limits'];
  return { status: 200, body: Object.fromEntries(names.map((n) => [n, `${base}/${n}`])) };
};

function releaseLabel(version: number): string {
  const step = Math.round(version) - 60;
  const season = ['Spring', 'Summer', 'Winter'][((step % 3) + 3) % 3];
  return `${season} '${24 + Math.floor((step + 1) / 3)}`;
}

/**
 * `GET /services/data/`: the API versions this org serves, no session needed. Salesforce answers the
 * path without the trailing slash the same way, so both are served.
 */
export function versionsHandlers(state: CrmState): HttpHandler[] {
  const resolver = ({ request }: { request: Request }) => {
    const latest = Number(state.apiVersion);
    const versions = [];
    for (let v = 60; v <= latest; v += 1) {
      const version = `${v}.0`;
      versions.push({ label: releaseLabel(v), url: `/services/data/v${version}`, version });
    }
    emitCrmEvent(state.ctx, {
      action: 'sf.versions',
      caller: callerOf(request),
      request,
      status: 200,
      resource: { type: 'api' },
    });
    return Response.json(versions);
  };
  return [http.get('*/services/data/', resolver), http.get('*/services/data', resolver)];
}
