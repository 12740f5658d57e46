import type { TelemetryEvent } from '../event.ts';
import type { Encoder } from './encoder.ts';
import { severityOf } from './event-facts.ts';

/** Header fields: pipe and backslash escaped; a header cannot span lines, so line breaks become spaces. */
export function escapeCefHeader(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, ' ');
}

const NEEDS_ESCAPE = /[\\=\r\n]/;

/** Extension values: backslash and equals escaped, line breaks written as `\n` / `\r` (CEF rev 25). */
export function escapeCefValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value
    .replace(/[\\=]/g, (c) => `\\${c}`)
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
}

type Extension = Array<[key: string, value: string | number | undefined]>;

/** cs1..cs6 and cn1..cn2 each travel with a label naming what they carry. */
function custom(key: string, label: string, value: string | number | undefined): Extension {
  return value === undefined || value === ''
    ? []
    : [
        [`${key}Label`, label],
        [key, value],
      ];
}

function extensionOf(event: TelemetryEvent): Extension {
  const resource = event.resource.id ? `${event.resource.type}/${event.resource.id}` : event.resource.type;
  return [
    ['rt', event.time],
    ['src', event.sourceIp],
    ['suser', event.actor.id],
    ['act', event.action],
    ['cat', event.system],
    ['request', event.uri],
    ['requestMethod', event.method],
    ['requestClientApplication', event.userAgent],
    ['outcome', event.outcome],
    ['externalId', event.id],
    ...custom('cs1', 'clientApp', event.clientApp),
    ...custom('cs2', 'session', event.session),
    ...custom('cs3', 'requestId', event.requestId),
    ...custom('cs4', 'correlationId', event.correlationId),
    ...custom('cs5', 'resource', resource),
    ...custom('cs6', 'scopes', event.scopes?.join(' ')),
    ...custom('cn1', 'patientCount', event.patientIds.length),
    ...custom('cn2', 'rows', event.rows),
    ...custom('cn3', 'httpStatus', event.status),
  ];
}

/**
 * ArcSight Common Event Format, one event per line, for SIEMs that ingest CEF over syslog or files.
 * Signature ID is the dotted action, so rules can key on it directly.
 */
export const cefEncoder: Encoder = {
  id: 'cef',
  contentType: 'text/plain',
  encode: (event, context) => {
    const header = [
      'CEF:0',
      context.product.vendor,
      context.product.name,
      context.product.version,
      event.action,
      `${event.action} ${event.outcome}`,
    ].map((field, index) => (index === 0 ? field : escapeCefHeader(field)));
    const extension = extensionOf(event)
      .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
      .map(([key, value]) => `${key}=${escapeCefValue(String(value))}`)
      .join(' ');
    return `${header.join('|')}|${severityOf(event)}|${extension}`;
  },
};
