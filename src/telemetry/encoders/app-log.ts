import type { TelemetryEvent } from '../event.ts';
import type { Encoder } from './encoder.ts';
import { detailString } from './event-facts.ts';
import { isoTime } from './time-format.ts';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** The emitter's own level when it logged one (app and sync logs do), else one read off the outcome. */
function levelOf(event: TelemetryEvent): string {
  const level = detailString(event, 'level');
  if (level && LEVELS.has(level)) return level;
  return event.outcome === 'success' ? 'info' : event.outcome === 'denied' ? 'warn' : 'error';
}

function messageOf(event: TelemetryEvent): string {
  const target = event.resource.id ? `${event.resource.type}/${event.resource.id}` : event.resource.type;
  const status = event.status === undefined ? event.outcome : `${event.outcome} (${event.status})`;
  return `${event.action} ${target} by ${event.actor.id}: ${status}`;
}

/**
 * JSON-lines application log, the shape log shippers (Filebeat, Fluent Bit, Vector) pick up from a
 * service's stdout. Keys follow the ECS-flavoured names most pipelines already parse.
 */
export const appLogEncoder: Encoder = {
  id: 'app-log',
  contentType: 'application/x-ndjson',
  encode: (event) =>
    JSON.stringify({
      '@timestamp': isoTime(event.time),
      level: levelOf(event),
      logger: detailString(event, 'logger') ?? `${event.system}.${event.action.split('.')[0]}`,
      message: messageOf(event),
      request_id: event.requestId,
      event_id: event.id,
      system: event.system,
      action: event.action,
      outcome: event.outcome,
      user: { id: event.actor.id, type: event.actor.type, name: event.actor.name },
      client_app: event.clientApp,
      source_ip: event.sourceIp,
      user_agent: event.userAgent,
      session: event.session,
      http: event.method ? { method: event.method, uri: event.uri, status: event.status } : undefined,
      resource: event.resource,
      patient_count: event.patientIds.length,
      rows: event.rows,
      correlation_id: event.correlationId,
      context: event.detail,
    }),
};
