import { createHash } from 'node:crypto';
import type { Actor, Outcome } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { type AuditInteraction, buildAuditEvent, recordAudit } from './audit.ts';
import type { Authenticated } from './auth.ts';
import { BTG } from './break-glass-policy.ts';
import type { FhirReference, FhirResource } from './fhir-types.ts';
import { fieldsIn, patientIdsIn } from './references.ts';
import type { EhrState, IssuedToken } from './state.ts';

export const ANONYMOUS: Actor = { id: 'anonymous', type: 'anonymous' };

/** One answered data request, as telemetry and the audit trail both need to describe it. */
export interface DataExchange {
  request: Request;
  caller: Caller;
  action: 'fhir.read' | 'fhir.search' | 'fhir.update';
  interaction: AuditInteraction;
  resourceType: string;
  resourceId?: string;
  status: number;
  auth?: Authenticated;
  /** Resources returned (read, search page) or written (update). */
  returned: readonly FhirResource[];
  /** Patients the request named, recorded in audit even when the request failed. */
  targetPatientIds?: readonly string[];
  /** The search parameters as sent, for searches. */
  query?: string;
  diagnostics?: string;
  /** False for reads of the audit trail itself, so reviewing the trail does not change it. */
  audited: boolean;
  fhirBaseUrl: string;
}

/** A loggable handle for a token: a digest prefix, never the bearer secret itself. */
export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

const sessionKeys = new WeakMap<IssuedToken, string>();

/** The session key of an authenticated request's token, hashed once per token, not once per request. */
function sessionOf(auth: Authenticated): string {
  let key = sessionKeys.get(auth.issued);
  if (key === undefined) {
    key = sessionKey(auth.token);
    sessionKeys.set(auth.issued, key);
  }
  return key;
}

export function outcomeOf(status: number): Outcome {
  if (status < 400) return 'success';
  return status === 401 || status === 403 ? 'denied' : 'failure';
}

export function requestorOf(state: EhrState, actor: Actor): FhirReference {
  if (state.get('Practitioner', actor.id))
    return { reference: `Practitioner/${actor.id}`, display: actor.name };
  if (actor.type === 'patient') return { reference: `Patient/${actor.id}`, display: actor.name };
  return { identifier: { system: 'urn:phi-drill:actor', value: actor.id }, display: actor.name };
}

/** Emits the request's TelemetryEvent and appends its AuditEvent (when audit is on). */
export function recordExchange(ctx: EstateContext, state: EhrState, exchange: DataExchange): void {
  const { caller, auth, returned, status } = exchange;
  const url = new URL(exchange.request.url);
  const actor = auth?.issued.actor ?? ANONYMOUS;
  const touched = status < 400 ? patientIdsIn(returned) : [];
  ctx.bus.emit({
    system: 'ehr',
    action: exchange.action,
    actor,
    clientApp: auth?.issued.clientId,
    sourceIp: caller.sourceIp,
    userAgent: caller.userAgent,
    session: auth ? sessionOf(auth) : undefined,
    requestId: caller.requestId,
    correlationId: caller.correlationId,
    method: exchange.request.method,
    uri: url.pathname + url.search,
    status,
    resource: { type: exchange.resourceType, id: exchange.resourceId },
    patientIds: touched,
    fields: status < 400 ? fieldsIn(returned) : [],
    rows: status < 400 ? returned.length : 0,
    outcome: outcomeOf(status),
    scopes: auth?.issued.scopes,
    detail: exchange.query !== undefined ? { query: exchange.query } : undefined,
  });
  if (!exchange.audited) return;
  const named = exchange.resourceId ? [`${exchange.resourceType}/${exchange.resourceId}`] : [];
  const dataRefs =
    exchange.interaction === 'search-type'
      ? []
      : status < 400
        ? returned.map((r) => `${r.resourceType}/${r.id}`)
        : named;
  const event = buildAuditEvent({
    id: ctx.nextId('audit'),
    recorded: new Date(ctx.clock.now()).toISOString(),
    interaction: exchange.interaction,
    status,
    diagnostics: exchange.diagnostics,
    caller,
    requestor: { who: requestorOf(state, actor), name: actor.name ?? actor.id },
    client: auth?.client ? { clientId: auth.client.clientId, name: auth.client.name } : undefined,
    server: exchange.fhirBaseUrl,
    patientIds: [...new Set([...touched, ...(exchange.targetPatientIds ?? [])])],
    dataRefs,
    query: exchange.query,
    purposeOfUse: auth?.issued.breakGlass ? BTG : undefined,
  });
  recordAudit(state.auditEvents, state.config.audit, event);
}
