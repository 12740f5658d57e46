import type { SystemId, TelemetryEvent } from '../event.ts';

/**
 * The kind of record an event leaves behind, which decides the pipeline that carries it: a Setup
 * change is a SetupAuditTrail row, not an EventLogFile row; an object read is a line in the
 * bucket's server access log, not in the forwarder's stream.
 */
export const FEEDS = [
  'crm-api',
  'crm-login',
  'crm-setup',
  'crm-field-history',
  'ehr-audit',
  'host-log',
  'mail-log',
  'broker-log',
  'storage-access',
] as const;
export type Feed = (typeof FEEDS)[number];

interface FeedRule {
  feed: Feed;
  system: SystemId;
  /** Exact action names, or `prefix.*`; left out, every action of the system. */
  actions?: readonly string[];
  /** Why these events travel this way, for a reviewer checking the routing. */
  why: string;
}

/** First match wins; an event no rule names is a host log line shipped by the forwarder. */
export const FEED_RULES: readonly FeedRule[] = [
  {
    feed: 'crm-setup',
    system: 'crm',
    actions: ['sf.connectedapp.*'],
    why: 'Setup changes (connected apps, profiles, permission sets, field-level security) are SetupAuditTrail rows',
  },
  {
    feed: 'crm-login',
    system: 'crm',
    actions: ['oauth.token'],
    why: 'A token grant is a login: LoginHistory (Remote Access 2.0), EventLogFile Login, RTEM LoginEvent',
  },
  {
    feed: 'crm-field-history',
    system: 'crm',
    actions: ['sf.create', 'sf.update', 'sf.upsert', 'sf.delete'],
    why: 'Record saves write field history; RTEM ApiEvent covers queries only, event log files have RestApi rows',
  },
  { feed: 'crm-api', system: 'crm', why: 'API, report and file activity: EventLogFile rows or RTEM events' },
  { feed: 'ehr-audit', system: 'ehr', why: 'FHIR AuditEvents written with each access' },
  { feed: 'mail-log', system: 'mail', why: 'The MTA and mail gateway log each message they hand on' },
  {
    feed: 'storage-access',
    system: 'storage',
    why: 'Object reads, writes, ACL and policy changes are server access log records delivered to the log bucket',
  },
  {
    feed: 'broker-log',
    system: 'sync',
    actions: ['sync.topic.*', 'sync.deadletter'],
    why: 'Topic configuration, purges and dead letters are the broker’s own audit and event log',
  },
  {
    feed: 'broker-log',
    system: 'logs',
    actions: ['rabbitmq.*'],
    why: 'RabbitMQ event-exchange lines (queue lifecycle, dead letters)',
  },
];

const matches = (pattern: string, action: string) =>
  pattern.endsWith('.*') ? action.startsWith(pattern.slice(0, -1)) : action === pattern;

export function feedOf(event: Pick<TelemetryEvent, 'system' | 'action'>): Feed {
  const rule = FEED_RULES.find(
    (candidate) =>
      candidate.system === event.system &&
      (!candidate.actions || candidate.actions.some((pattern) => matches(pattern, event.action))),
  );
  return rule?.feed ?? 'host-log';
}
