/** The systems of the simulated estate that emit telemetry. */
export type SystemId =
  | 'ehr'
  | 'crm'
  | 'portal'
  | 'sync'
  | 'storage'
  | 'mail'
  | 'integration'
  | 'logs'
  | 'mdm';

export type ActorType =
  | 'clinician'
  | 'front-desk'
  | 'patient'
  | 'integration'
  | 'admin'
  | 'engineer'
  | 'service'
  | 'anonymous'
  | 'responder'
  | 'marketing';

export interface Actor {
  /** Stable id within the estate: a FHIR Practitioner/Patient id, a Salesforce User id, a service name. */
  id: string;
  type: ActorType;
  name?: string;
}

export type Outcome = 'success' | 'failure' | 'denied';

/**
 * One thing that happened in the estate, in the shape a detection stack would see it.
 * Encoders turn this into EventLogFile CSV, FHIR AuditEvent, CEF, OCSF and access logs.
 * It deliberately carries no "this was the inject" flag: controls must find leaks the way
 * a real monitor would, from what was observable.
 */
export interface TelemetryEvent {
  /** Sequence-based id, unique within a run (`evt-000042`). */
  id: string;
  /** Epoch milliseconds on the run's clock. */
  time: number;
  system: SystemId;
  /** Dotted verb: `fhir.read`, `fhir.search`, `sf.query`, `oauth.token`, `portal.login`, `sync.retry` … */
  action: string;
  actor: Actor;
  /** OAuth client / connected app / SMART app that made the call, if any. */
  clientApp?: string;
  sourceIp: string;
  userAgent?: string;
  /** Session or token handle as the system would log it (a key, never the secret itself). */
  session?: string;
  /** Correlates one request across systems (X-Request-ID / X-SFDC-REQUEST-ID). */
  requestId?: string;
  /** HTTP method and path+query, for request-shaped events. */
  method?: string;
  uri?: string;
  status?: number;
  resource: { type: string; id?: string };
  /** Ids of the patients whose data this event touched (FHIR Patient ids). */
  patientIds: string[];
  /** Field or element names read or written. */
  fields: string[];
  /** Rows returned or written, for query-shaped events. */
  rows?: number;
  outcome: Outcome;
  /** OAuth scopes granted or used, where relevant. */
  scopes?: string[];
  /** Drill correlation id, when the drill chose to surface one (user agent, header, record prefix). */
  correlationId?: string;
  /** Small typed extras that a specific encoder needs (e.g. `query`, `mfa`, `reportFormat`). */
  detail?: Readonly<Record<string, string | number | boolean>>;
}

/** What an emitter supplies; the bus assigns id and time. */
export type TelemetryInput = Omit<TelemetryEvent, 'id' | 'time'> & { time?: number };
