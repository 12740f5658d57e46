import { type HttpHandler, http } from 'msw';
import { callerOf } from '../caller.ts';
import { ANONYMOUS } from './exchange.ts';
import { FhirError } from './operation-outcome.ts';
import type { EhrEnv } from './serve.ts';
import { isEhrResourceType } from './state.ts';

/**
 * Everything under the FHIR base that no interaction serves. FHIR's RESTful API (http.html, "HTTP
 * status codes") answers these with an OperationOutcome: an unknown resource type is 404, an
 * interaction the server does not offer on a known type is 405, and an operation (`$name`) it does not
 * implement is 501 — all with the issue code `not-supported`, never another system's error format.
 */
export function classifyUnsupported(method: string, segments: readonly string[]): FhirError {
  const operation = segments.find((segment) => segment.startsWith('$'));
  if (operation) {
    return new FhirError(501, 'not-supported', `operation ${operation} is not supported by this server`);
  }
  const [type = ''] = segments;
  if (type === '') {
    return new FhirError(405, 'not-supported', `${method} on the base (batch, transaction) is not supported`);
  }
  if (!isEhrResourceType(type) && type !== 'AuditEvent') {
    return new FhirError(404, 'not-supported', `resource type ${type} is not supported by this server`);
  }
  return new FhirError(
    405,
    'not-supported',
    `${interactionOf(method, segments)} is not supported for ${type}`,
  );
}

/** The FHIR interaction a request on a known type asks for, named as the CapabilityStatement names it. */
function interactionOf(method: string, [, id, sub, version]: readonly string[]): string {
  if (id === '_history') return 'history-type';
  if (sub === '_history') return version === undefined ? 'history-instance' : 'vread';
  if (id === undefined) return method === 'POST' ? 'create' : `${method} on the type`;
  switch (method) {
    case 'DELETE':
      return 'delete';
    case 'PATCH':
      return 'patch';
    case 'PUT':
      return 'update';
    default:
      return `${method} on an instance`;
  }
}

export function unsupportedHandler(env: EhrEnv): HttpHandler {
  return http.all(`*${env.basePath}/*`, ({ request }) => unsupportedResponse(env, request));
}

/** Methods on the base itself other than system search's GET. */
export function unsupportedBaseHandler(env: EhrEnv): HttpHandler {
  return http.all(`*${env.basePath}`, ({ request }) => unsupportedResponse(env, request));
}

/**
 * Whether a path the read and search routes would match names what they do not serve: an operation
 * (`$name`) or a history (`_history`), which would otherwise read as a resource id or type.
 */
export function namesUnserved(params: Record<string, unknown>): boolean {
  return Object.values(params).some(
    (value) => typeof value === 'string' && (value.startsWith('$') || value === '_history'),
  );
}

/** The OperationOutcome for a request nothing serves, recorded as one telemetry event. */
export function unsupportedResponse(env: EhrEnv, request: Request): Response {
  const url = new URL(request.url);
  const rest = url.pathname.slice(env.basePath.length).split('/').filter(Boolean).map(decodeURIComponent);
  const error = classifyUnsupported(request.method, rest);
  const caller = callerOf(request);
  env.ctx.bus.emit({
    system: 'ehr',
    action: 'fhir.unsupported',
    actor: ANONYMOUS,
    sourceIp: caller.sourceIp,
    userAgent: caller.userAgent,
    requestId: caller.requestId,
    correlationId: caller.correlationId,
    method: request.method,
    uri: url.pathname + url.search,
    status: error.status,
    resource: { type: rest[0] ?? 'unknown' },
    patientIds: [],
    fields: [],
    outcome: 'failure',
  });
  return error.toResponse();
}
