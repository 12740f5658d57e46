import type { Actor } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';

/**
 * One sandbox event on the bus. A sandbox is a Salesforce org, so its events reach the organisation
 * through the same Event Monitoring as production's (system `crm`), named by `SandboxName`. The
 * copy's record ids are its own, so events carry no patient ids.
 */
export function emitSandboxEvent(
  ctx: EstateContext,
  action: string,
  actor: Actor,
  caller: Caller,
  type: string,
  detail: Record<string, string | number | boolean>,
  outcome: 'success' | 'denied' = 'success',
  extra: { rows?: number; fields?: string[] } = {},
): void {
  ctx.bus.emit({
    system: 'crm',
    action,
    actor,
    sourceIp: caller.sourceIp,
    ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
    requestId: caller.requestId,
    resource: { type, id: `${detail.SandboxName}` },
    patientIds: [],
    fields: extra.fields ?? [],
    ...(extra.rows !== undefined ? { rows: extra.rows } : {}),
    outcome,
    ...(caller.correlationId ? { correlationId: caller.correlationId } : {}),
    detail,
  });
}
