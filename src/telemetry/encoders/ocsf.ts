import type { TelemetryEvent } from '../event.ts';
import type { Encoder, EncoderContext } from './encoder.ts';
import { type Crud, crudOf, detailBoolean, pathOf, queryStringOf, severityOf } from './event-facts.ts';

/** The OCSF version whose class and activity ids these records use. */
export const OCSF_VERSION = '1.3.0';

interface OcsfClass {
  uid: number;
  name: string;
  categoryUid: number;
  categoryName: string;
}

export const OCSF_CLASSES = {
  authentication: {
    uid: 3002,
    name: 'Authentication',
    categoryUid: 3,
    categoryName: 'Identity & Access Management',
  },
  httpActivity: { uid: 4002, name: 'HTTP Activity', categoryUid: 4, categoryName: 'Network Activity' },
  webResourcesActivity: {
    uid: 6001,
    name: 'Web Resources Activity',
    categoryUid: 6,
    categoryName: 'Application Activity',
  },
  apiActivity: { uid: 6003, name: 'API Activity', categoryUid: 6, categoryName: 'Application Activity' },
} as const satisfies Record<string, OcsfClass>;

/** Create/Read/Update/Delete share ids 1–4 in both API Activity and Web Resources Activity. */
const CRUD_ACTIVITY: Record<Crud, [number, string]> = {
  create: [1, 'Create'],
  read: [2, 'Read'],
  update: [3, 'Update'],
  delete: [4, 'Delete'],
};

const HTTP_ACTIVITY: Record<string, [number, string]> = {
  CONNECT: [1, 'Connect'],
  DELETE: [2, 'Delete'],
  GET: [3, 'Get'],
  HEAD: [4, 'Head'],
  OPTIONS: [5, 'Options'],
  POST: [6, 'Post'],
  PUT: [7, 'Put'],
  TRACE: [8, 'Trace'],
  PATCH: [9, 'Patch'],
};

const LOGINS = new Set(['oauth.token', 'fhir.token', 'portal.login', 'portal.login.failed']);
const LOGOFFS = new Set(['portal.logout', 'portal.session.expired', 'portal.session.terminate']);

/** The class and activity for an event: sign-ins, portal page traffic, stored objects, else API calls. */
export function ocsfClassOf(event: TelemetryEvent): { cls: OcsfClass; activity: [number, string] } {
  if (LOGINS.has(event.action)) return { cls: OCSF_CLASSES.authentication, activity: [1, 'Logon'] };
  if (LOGOFFS.has(event.action)) return { cls: OCSF_CLASSES.authentication, activity: [2, 'Logoff'] };
  const http = event.method && HTTP_ACTIVITY[event.method.toUpperCase()];
  if (event.system === 'portal' && http) return { cls: OCSF_CLASSES.httpActivity, activity: http };
  if (event.system === 'storage') {
    return { cls: OCSF_CLASSES.webResourcesActivity, activity: CRUD_ACTIVITY[crudOf(event)] };
  }
  return { cls: OCSF_CLASSES.apiActivity, activity: CRUD_ACTIVITY[crudOf(event)] };
}

/** OCSF severity_id from the CEF-scale number: 2 Low, 3 Medium, 4 High. */
function severityIdOf(event: TelemetryEvent): [number, string] {
  const severity = severityOf(event);
  return severity >= 7 ? [4, 'High'] : severity >= 4 ? [3, 'Medium'] : [2, 'Low'];
}

function httpRequestOf(event: TelemetryEvent) {
  if (!event.method && !event.userAgent) return undefined;
  return {
    http_method: event.method,
    url: event.uri ? { path: pathOf(event.uri), query_string: queryStringOf(event.uri) } : undefined,
    user_agent: event.userAgent,
    uid: event.requestId,
  };
}

function recordOf(event: TelemetryEvent, context: EncoderContext): Record<string, unknown> {
  const { cls, activity } = ocsfClassOf(event);
  const [activityId, activityName] = activity;
  const [severityId, severity] = severityIdOf(event);
  const user = { uid: event.actor.id, name: event.actor.name, type: event.actor.type };
  const resource = { type: event.resource.type, uid: event.resource.id };
  const record: Record<string, unknown> = {
    class_uid: cls.uid,
    class_name: cls.name,
    category_uid: cls.categoryUid,
    category_name: cls.categoryName,
    activity_id: activityId,
    activity_name: activityName,
    type_uid: cls.uid * 100 + activityId,
    type_name: `${cls.name}: ${activityName}`,
    time: event.time,
    severity_id: severityId,
    severity,
    status_id: event.outcome === 'success' ? 1 : 2,
    status: event.outcome === 'success' ? 'Success' : 'Failure',
    status_code: event.status === undefined ? undefined : String(event.status),
    status_detail: event.outcome === 'denied' ? 'denied' : undefined,
    metadata: {
      version: OCSF_VERSION,
      uid: event.id,
      correlation_uid: event.correlationId,
      log_name: event.system,
      product: {
        name: context.product.name,
        vendor_name: context.product.vendor,
        version: context.product.version,
      },
    },
    actor: {
      user,
      app_name: event.clientApp,
      session: event.session ? { uid: event.session } : undefined,
    },
    src_endpoint: { ip: event.sourceIp },
    http_request: httpRequestOf(event),
    http_response: event.status === undefined ? undefined : { code: event.status },
    unmapped: { patient_count: event.patientIds.length, rows: event.rows, scopes: event.scopes },
  };
  if (cls === OCSF_CLASSES.authentication) {
    record.user = user;
    record.is_mfa = detailBoolean(event, 'mfa');
    // Portal sign-in is a password form; the CRM and EHR issue OAuth tokens. 99: Other, named in auth_protocol.
    record.auth_protocol = event.system === 'portal' ? 'Password' : 'OAuth 2.0';
    record.auth_protocol_id = 99;
    record.service = { name: event.system };
    record.session = event.session ? { uid: event.session } : undefined;
  } else if (cls === OCSF_CLASSES.webResourcesActivity) {
    record.web_resources = [{ ...resource, name: event.resource.id }];
  } else if (cls === OCSF_CLASSES.apiActivity) {
    record.api = {
      operation: event.action,
      request: { uid: event.requestId },
      service: { name: event.system },
    };
    record.resources = [resource];
  }
  return record;
}

/** OCSF 1.x JSON, one document per event, for Security Lake, Splunk OCSF add-ons and the like. */
export const ocsfEncoder: Encoder = {
  id: 'ocsf',
  contentType: 'application/json',
  encode: (event, context) => JSON.stringify(recordOf(event, context)),
};
