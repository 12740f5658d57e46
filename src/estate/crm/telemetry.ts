import type { Actor, Outcome, TelemetryEvent } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { actorTypeOf, type ConnectedApp, type CrmUser, type TokenGrant } from './auth.ts';

export interface CrmEventInput {
  action: string;
  caller: Caller;
  request?: Request;
  status: number;
  actor?: Actor;
  user?: CrmUser;
  app?: ConnectedApp;
  grant?: TokenGrant;
  resource: { type: string; id?: string };
  patientIds?: string[];
  fields?: string[];
  rows?: number;
  scopes?: string[];
  detail?: Record<string, string | number | boolean>;
}

export function outcomeOf(status: number): Outcome {
  if (status < 400) return 'success';
  return status === 401 || status === 403 ? 'denied' : 'failure';
}

export function actorOf(user: CrmUser | undefined): Actor {
  return user
    ? { id: user.id, type: actorTypeOf(user), name: user.name }
    : { id: 'unauthenticated', type: 'anonymous' };
}

/** One telemetry event per CRM request, carrying what the org itself could observe. */
export function emitCrmEvent(ctx: EstateContext, input: CrmEventInput): TelemetryEvent {
  const url = input.request ? new URL(input.request.url) : undefined;
  return ctx.bus.emit({
    system: 'crm',
    action: input.action,
    actor: input.actor ?? actorOf(input.user),
    ...(input.app ? { clientApp: input.app.name } : {}),
    sourceIp: input.caller.sourceIp,
    ...(input.caller.userAgent ? { userAgent: input.caller.userAgent } : {}),
    ...(input.grant ? { session: input.grant.sessionKey } : {}),
    requestId: input.caller.requestId,
    ...(input.request ? { method: input.request.method } : {}),
    ...(url ? { uri: url.pathname + url.search } : {}),
    status: input.status,
    resource: input.resource,
    patientIds: [...new Set(input.patientIds ?? [])],
    fields: input.fields ?? [],
    ...(input.rows === undefined ? {} : { rows: input.rows }),
    outcome: outcomeOf(input.status),
    ...(input.scopes ? { scopes: input.scopes } : {}),
    ...(input.caller.correlationId ? { correlationId: input.caller.correlationId } : {}),
    ...(input.detail ? { detail: input.detail } : {}),
  });
}
