import type { Outcome } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { sessionKey } from './session-id.ts';
import type { PortalAccessLogEntry, PortalAccessLogLine, PortalSession, PortalState } from './types.ts';

/** Where a responder's containment actions come from (RFC 5737 documentation range). */
export const PORTAL_ADMIN_CONSOLE_IP = '192.0.2.10';

export interface PortalEventFacts {
  key?: string;
  patientId?: string;
  fields?: string[];
  rows?: number;
  detail?: Readonly<Record<string, string | number | boolean>>;
}

/** The portal's two records of what happened: telemetry for monitors and its own access log. */
export function createPortalRecorder(ctx: EstateContext, state: PortalState) {
  function emit(
    request: Request,
    caller: Caller,
    status: number,
    action: string,
    outcome: Outcome,
    facts: PortalEventFacts,
  ): void {
    const url = new URL(request.url);
    ctx.bus.emit({
      system: 'portal',
      action,
      actor: facts.patientId
        ? { id: facts.patientId, type: 'patient' }
        : { id: 'anonymous', type: 'anonymous' },
      sourceIp: caller.sourceIp,
      userAgent: caller.userAgent,
      session: facts.key,
      requestId: caller.requestId,
      correlationId: caller.correlationId,
      method: request.method,
      uri: url.pathname + url.search,
      status,
      resource: { type: 'PortalSession', id: facts.key },
      patientIds: facts.patientId ? [facts.patientId] : [],
      fields: facts.fields ?? [],
      rows: facts.rows,
      outcome,
      detail: facts.detail,
    });
  }

  function terminated(session: PortalSession | undefined, asked: string, by: string, ended: boolean): void {
    const key = session ? sessionKey(session.id) : sessionKey(asked);
    ctx.bus.emit({
      system: 'portal',
      action: 'portal.session.terminate',
      actor: { id: by, type: 'responder' },
      sourceIp: PORTAL_ADMIN_CONSOLE_IP,
      session: key,
      resource: { type: 'PortalSession', id: key },
      patientIds: session ? [session.patientId] : [],
      fields: [],
      outcome: ended ? 'success' : 'failure',
    });
  }

  function storageCleared(by: string): void {
    ctx.bus.emit({
      system: 'portal',
      action: 'portal.storage.clear-site-data',
      actor: { id: by, type: 'responder' },
      sourceIp: PORTAL_ADMIN_CONSOLE_IP,
      resource: { type: 'PortalConfig', id: 'clearSiteData' },
      patientIds: [],
      fields: [],
      outcome: 'success',
    });
  }

  function access(request: Request, caller: Caller, status: number, key?: string, patientId?: string): void {
    const { enabled, omitFields } = state.config.accessLog;
    if (!enabled) return;
    const url = new URL(request.url);
    const entry: PortalAccessLogLine = {
      time: ctx.clock.now(),
      requestId: caller.requestId,
      session: key,
      sourceIp: caller.sourceIp,
      userAgent: caller.userAgent,
      patientId,
      method: request.method,
      path: url.pathname,
      query: url.search || undefined,
      status,
    };
    for (const field of omitFields) delete entry[field];
    for (const field of Object.keys(entry) as Array<keyof PortalAccessLogEntry>) {
      if (entry[field] === undefined) delete entry[field];
    }
    state.accessLog.push(entry);
  }

  return { emit, terminated, storageCleared, access };
}
