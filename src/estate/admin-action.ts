import type { z } from 'zod';
import type { TelemetryBus } from '../telemetry/bus.ts';
import type { SystemId } from '../telemetry/event.ts';
import { adminRefusal } from './admin-auth.ts';
import { callerOf } from './caller.ts';

export interface AdminActionEvent {
  system: SystemId;
  action: string;
  resource: { type: string; id?: string };
  rows?: number;
  detail?: Record<string, string | number | boolean>;
}

/**
 * One telemetry event for a change made on an administrator console, naming the administrator as a
 * responder and the request as the console logged it, so a SIEM sees who contained what and when.
 */
export function emitAdminAction(
  bus: TelemetryBus,
  request: Request,
  admin: string,
  event: AdminActionEvent,
): void {
  const caller = callerOf(request);
  const url = new URL(request.url);
  bus.emit({
    system: event.system,
    action: event.action,
    actor: { id: admin, type: 'responder', name: admin },
    sourceIp: caller.sourceIp,
    ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
    requestId: caller.requestId,
    method: request.method,
    uri: url.pathname + url.search,
    status: 200,
    resource: event.resource,
    patientIds: [],
    fields: [],
    ...(event.rows === undefined ? {} : { rows: event.rows }),
    outcome: 'success',
    ...(event.detail ? { detail: event.detail } : {}),
  });
}

/**
 * A console's JSON body (none counts as `{}`) checked against its schema: the parsed value, or a 400 naming the first
 * offending field (`enabled: expected boolean`), so a SOAR's mistake is told, never guessed at.
 */
export async function adminPayload<T>(request: Request, schema: z.ZodType<T>): Promise<T | Response> {
  let body: unknown;
  try {
    const text = await request.text();
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return adminRefusal(400, 'the body must be JSON (Content-Type: application/json)');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return adminRefusal(400, `${where}: ${issue.message}`);
}
