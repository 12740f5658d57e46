import type { HttpResponseResolver, PathParams } from 'msw';
import { userAgentCode } from '../../telemetry/event-log-schema.ts';
import { bearerOf, type Caller, callerOf } from '../caller.ts';
import { stringResponse } from '../string-response.ts';
import { type ConnectedApp, type CrmUser, hasPermission, hasScope, type TokenGrant } from './auth.ts';
import { invalidSession, SfError } from './errors.ts';
import { limitInfoHeader } from './rest-limits.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import { SoqlError } from './soql/lexer.ts';
import type { CrmState } from './state.ts';
import { emitCrmEvent } from './telemetry.ts';

export interface ApiSession {
  grant: TokenGrant;
  user: CrmUser;
  app: ConnectedApp | undefined;
}

/** What a route learned while serving, for telemetry and the event log. */
export interface ApiMeta {
  entity?: string;
  resourceId?: string;
  query?: string;
  rows?: number;
  fields?: string[];
  patientIds?: string[];
  requestSize?: number;
  detail?: Record<string, string | number | boolean>;
  /** Set for SOQL calls, which the API event type records as well (query, queryAll, queryMore). */
  apiMethod?: string;
}

export interface ApiCall {
  state: CrmState;
  request: Request;
  url: URL;
  params: Record<string, string>;
  version: string;
  caller: Caller;
  session: ApiSession;
  meta: ApiMeta;
}

export interface ApiReply {
  status: number;
  body?: unknown;
  /** A non-JSON body (CSV), sent as is. */
  text?: string;
  contentType?: string;
}

export type ApiRoute = (call: ApiCall) => ApiReply | Promise<ApiReply>;

const VERSION = /^v(\d+\.\d)$/;

/**
 * Wraps a REST route: checks the version and the session, turns errors into Salesforce's error
 * array, and records exactly one telemetry event and the event-log rows for the call.
 */
export function apiRoute(
  state: CrmState,
  action: string,
  route: ApiRoute,
  options: { logRestApi?: boolean } = {},
): HttpResponseResolver<PathParams> {
  return async ({ request, params }) => {
    const caller = callerOf(request);
    const url = new URL(request.url);
    const meta: ApiMeta = {};
    let session: ApiSession | undefined;
    let reply: ApiReply;
    let failure: string | undefined;
    try {
      const version =
        params.version === undefined ? state.apiVersion : VERSION.exec(String(params.version))?.[1];
      if (!version) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      session = authenticate(state, request);
      state.limits.admit(state.ctx.clock.now(), session.app?.clientId ?? session.user.id, caller.sourceIp);
      const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
      reply = await route({ state, request, url, params: flat, version, caller, session, meta });
    } catch (error) {
      const sfError = toSfError(error);
      failure = sfError.message;
      reply = { status: sfError.status, body: sfError.toBody() };
    }
    const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    emitCrmEvent(state.ctx, {
      action,
      caller,
      request,
      status: reply.status,
      ...(session ? { user: session.user, grant: session.grant, scopes: session.grant.scopes } : {}),
      ...(session?.app ? { app: session.app } : {}),
      resource: { type: meta.entity ?? 'api', ...(meta.resourceId ? { id: meta.resourceId } : {}) },
      patientIds: meta.patientIds ?? [],
      fields: meta.fields ?? [],
      ...(meta.rows === undefined ? {} : { rows: meta.rows }),
      ...(meta.query || meta.detail
        ? { detail: { ...(meta.query ? { query: meta.query } : {}), ...meta.detail } }
        : {}),
    });
    if (options.logRestApi ?? true)
      logApiCall(state, {
        request,
        url,
        caller,
        session,
        meta,
        status: reply.status,
        size: payload.length,
        failure,
      });
    const headers: Record<string, string> = {
      'content-type': reply.contentType ?? 'application/json;charset=UTF-8',
    };
    // Salesforce reports usage on every authenticated REST response; jsforce exposes it as `limitInfo`.
    if (session) {
      const max = state.limits.config.allocation.requests;
      const used = max - state.limits.remaining(state.ctx.clock.now());
      headers['sforce-limit-info'] = limitInfoHeader(Math.min(used, max), max);
    }
    return stringResponse(reply.status === 204 || payload === '' ? null : payload, {
      status: reply.status,
      headers,
    });
  };
}

function authenticate(state: CrmState, request: Request): ApiSession {
  const token = bearerOf(request);
  const grant = token === undefined ? undefined : state.activeGrant(token);
  const user = grant && state.auth.users.get(grant.userId);
  if (!grant || !user) throw invalidSession();
  grant.lastUsedAt = state.ctx.clock.now();
  const session = { grant, user, app: state.auth.appByClientId(grant.clientId) };
  if (!hasScope(grant.scopes, 'api')) {
    throw new SfError(403, 'INSUFFICIENT_ACCESS', 'This session is not valid for use with the REST API');
  }
  if (!hasPermission(user, 'ApiEnabled')) {
    throw new SfError(403, 'API_CURRENTLY_DISABLED', 'API is disabled for this User');
  }
  return session;
}

function toSfError(error: unknown): SfError {
  if (error instanceof SfError) return error;
  if (error instanceof SoqlError)
    return new SfError(400, error.errorCode, `\n${error.query}\n${error.message}`);
  return new SfError(500, 'UNKNOWN_EXCEPTION', error instanceof Error ? error.message : String(error));
}

/** Reads a JSON request body, noting its size for the event log. */
export async function readJson(call: ApiCall): Promise<Record<string, unknown>> {
  const text = await call.request.text();
  call.meta.requestSize = text.length;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through to the documented parser error
  }
  throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body is not a JSON object');
}

/** FHIR Patient ids of the patients whose data the records carry: their own `FHIR_Patient_Id__c`, else their Account's. */
export function patientIdsOf(state: CrmState, object: string, records: readonly SObjectRecord[]): string[] {
  const ids: string[] = [];
  for (const record of records) {
    if (typeof record.FHIR_Patient_Id__c === 'string' && record.FHIR_Patient_Id__c) {
      ids.push(record.FHIR_Patient_Id__c);
      continue;
    }
    const accountId = object === 'Account' ? record.Id : (record.AccountId ?? record.WhatId);
    const account =
      object === 'Account'
        ? record
        : typeof accountId === 'string'
          ? state.records.get('Account', accountId)
          : undefined;
    const fhirId = account?.FHIR_Patient_Id__c;
    if (typeof fhirId === 'string' && fhirId) ids.push(fhirId);
  }
  return [...new Set(ids)];
}

interface LoggedCall {
  request: Request;
  url: URL;
  caller: Caller;
  session: ApiSession | undefined;
  meta: ApiMeta;
  status: number;
  size: number;
  failure: string | undefined;
}

function logApiCall(state: CrmState, call: LoggedCall): void {
  const { meta, session, caller } = call;
  const rows = meta.rows ?? 0;
  const runTime = 6 + Math.ceil(rows / 40);
  const common = {
    USER_ID: session?.user.id,
    RUN_TIME: runTime,
    CPU_TIME: 3 + Math.ceil(rows / 80),
    URI: call.url.pathname,
    SESSION_KEY: session?.grant.sessionKey,
    LOGIN_KEY: session?.grant.loginKey,
    USER_TYPE: session ? 'Standard' : undefined,
    REQUEST_STATUS: call.status < 400 ? 'S' : 'F',
    DB_TOTAL_TIME: runTime * 450_000,
    DB_BLOCKS: rows,
    DB_CPU_TIME: Math.ceil(runTime / 2),
    USER_AGENT: userAgentCode(caller.userAgent),
    REQUEST_SIZE: meta.requestSize ?? 0,
    RESPONSE_SIZE: call.size,
    ENTITY_NAME: meta.entity,
    NUMBER_FIELDS: meta.fields?.length ?? 0,
    ROWS_PROCESSED: rows,
    CLIENT_NAME: clientName(call.request),
    CLIENT_IP: caller.sourceIp,
    CONNECTED_APP_ID: session?.app?.id.slice(0, 15),
    QUERY: meta.query,
    URI_ID_DERIVED: meta.resourceId,
  };
  const time = state.ctx.clock.now();
  state.log.append('RestApi', time, caller.requestId, {
    ...common,
    MEDIA_TYPE: 'application/json',
    STATUS_CODE: call.status,
    METHOD: call.request.method,
    EXCEPTION_MESSAGE: call.failure,
  });
  if (meta.apiMethod) {
    state.log.append('API', time, caller.requestId, {
      ...common,
      API_TYPE: 'R',
      API_VERSION: VERSION.exec(call.url.pathname.split('/')[3] ?? '')?.[1],
      METHOD_NAME: meta.apiMethod,
    });
  }
}

/** The `client=` value of `Sforce-Call-Options`, which is how REST clients name themselves. */
function clientName(request: Request): string | undefined {
  const options = request.headers.get('sforce-call-options');
  return options ? /(?:^|,)\s*client=([^,]+)/.exec(options)?.[1]?.trim() : undefined;
}
