import type { Actor, TelemetryInput } from '../../telemetry/event.ts';
import type { EstateContext } from '../context.ts';

export const SYNC_SERVICE_ACTOR: Actor = { id: 'svc-ehr-crm-sync', type: 'service' };
export const SYNC_USER_AGENT = 'phi-drill-sync/1.0';
/** The integration server's address on the internal network (RFC 1918: never a public host). */
export const SYNC_SERVER_IP = '10.40.0.12';

type SyncEventInput = Partial<Omit<TelemetryInput, 'system' | 'action' | 'resource'>> &
  Pick<TelemetryInput, 'resource'>;

/** Every sync event comes from the integration server unless a responder acted on it. */
export function emitSync(ctx: EstateContext, action: string, input: SyncEventInput): void {
  ctx.bus.emit({
    actor: SYNC_SERVICE_ACTOR,
    sourceIp: SYNC_SERVER_IP,
    userAgent: SYNC_USER_AGENT,
    patientIds: [],
    fields: [],
    outcome: 'success',
    ...input,
    system: 'sync',
    action,
  });
}
