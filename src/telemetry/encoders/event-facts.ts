import type { TelemetryEvent } from '../event.ts';

/** Facts several formats derive from one event the same way, so CEF, OCSF and the app log agree. */

export type Crud = 'create' | 'read' | 'update' | 'delete';

const METHOD_CRUD: Record<string, Crud> = {
  GET: 'read',
  HEAD: 'read',
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

/** The last verb of the action decides for events with no HTTP method (jobs, responders). */
const VERB_CRUD: ReadonlyArray<[RegExp, Crud]> = [
  [/(delete|purge|revoke|unshare|redact|terminate)$/, 'delete'],
  [/(create|upload|put|write|share|send|submit)$/, 'create'],
  [/(update|upsert|configure|acl|policy|pause|reset)$/, 'update'],
];

/** Create/read/update/delete: from the HTTP method where there is one, else from the action's verb. */
export function crudOf(event: TelemetryEvent): Crud {
  const byMethod = event.method && METHOD_CRUD[event.method.toUpperCase()];
  // A search sent as POST (FHIR `_search`, SOQL over POST) still only reads.
  if (byMethod && !(byMethod === 'create' && /\.(search|query|find)$/.test(event.action))) return byMethod;
  if (/\.(search|query|find)$/.test(event.action)) return 'read';
  for (const [pattern, crud] of VERB_CRUD) if (pattern.test(event.action)) return crud;
  return 'read';
}

/** Many patients in one call is what bulk-exfiltration rules look for, whatever the outcome. */
const BULK_PATIENTS = 100;

/**
 * CEF-scale severity (0–10): routine success is Low, failures Medium, refusals High, and a
 * successful call touching many patients at least Medium.
 */
export function severityOf(event: TelemetryEvent): number {
  if (event.outcome === 'denied') return 7;
  if (event.outcome === 'failure') return 5;
  return event.patientIds.length >= BULK_PATIENTS || (event.rows ?? 0) >= BULK_PATIENTS ? 5 : 3;
}

/** Request-shaped: the event carries the HTTP method and target the server saw. */
export function isHttp(event: TelemetryEvent): event is TelemetryEvent & { method: string; uri: string } {
  return event.method !== undefined && event.uri !== undefined;
}

export function pathOf(uri: string): string {
  const at = uri.indexOf('?');
  return at < 0 ? uri : uri.slice(0, at);
}

export function queryStringOf(uri: string): string | undefined {
  const at = uri.indexOf('?');
  return at < 0 ? undefined : uri.slice(at + 1);
}

export function detailString(event: TelemetryEvent, key: string): string | undefined {
  const value = event.detail?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function detailNumber(event: TelemetryEvent, key: string): number | undefined {
  const value = event.detail?.[key];
  return typeof value === 'number' ? value : undefined;
}

export function detailBoolean(event: TelemetryEvent, key: string): boolean | undefined {
  const value = event.detail?.[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** Response bytes where the emitter recorded them under any of its names. */
export function responseBytesOf(event: TelemetryEvent): number | undefined {
  return detailNumber(event, 'responseBytes') ?? detailNumber(event, 'bytes');
}

/** The actor as a person or service would be named in a log line; anonymous callers have no name. */
export function userNameOf(event: TelemetryEvent): string | undefined {
  return event.actor.type === 'anonymous' ? undefined : event.actor.id;
}

/** An 18-character Salesforce id, as the CRM writes user, record and report ids into telemetry. */
export function isSalesforceId(value: string | undefined): value is string {
  return value !== undefined && /^[0-9A-Za-z]{18}$/.test(value);
}
