import type { SentNotice } from '../breach/notice-workflow.ts';
import type { BreachAssessment, IncidentFacts, Obligation } from '../breach/types.ts';
import type { Signal } from '../controls/signal.ts';
import type { DeliverySourceId } from '../telemetry/delivery/sources.data.ts';
import type { ReceivedNotice } from './attachment.ts';

/** One request an inject made, as ground truth for `log` expectations. */
export interface Access {
  requestId: string;
  time: number;
  method: string;
  status: number;
  /** Path of the request, without the query. */
  path: string;
}

/** An audit record found for a request, in the trail's own field names. */
export interface TrailRecord {
  id: string;
  time: number;
  /** When an investigator can first retrieve it, and until when (the run's monitoring fills these in). */
  availability?: { source: DeliverySourceId; availableAt: number; retainedUntil: number };
  /** Value of a field (dotted path for nested records); undefined or '' when absent. */
  value(field: string): unknown;
}

export interface NotificationTask {
  id: string;
  openedAt: number;
  discoveredAt: number;
  dueAt: number;
  legalBasis: string;
}

/** Everything the judges read: what the run observed, never the runner's internals. */
export interface Observations {
  readonly signals: readonly Signal[];
  injectedAt(injectId: string): number | undefined;
  injectFailure(injectId: string): string | undefined;
  correlationId(injectId: string): string;
  containedAt(injectId: string, condition: string): number | undefined;
  accesses(injectId: string): readonly Access[];
  /** Path prefix of the requests a trail is meant to record (`/services/data/`). */
  trailScope(trail: string): string;
  trailRecord(trail: string, requestId: string): TrailRecord | undefined;
  readonly notificationTasks: readonly NotificationTask[];
  /** Notices received from the organisation's own notification workflow (SMTP intake). */
  readonly notices: readonly ReceivedNotice[];
  confirmation(expectationId: string): { at: number; by: string } | undefined;
  /** Breach facts and the notices the organisation sent, when the scenario has a `breach` section. */
  readonly breach?: BreachObservations;
  /** True when the run has no way to collect manual confirmations (unattended, none supplied). */
  readonly unattended: boolean;
}

export interface BreachObservations {
  /** The facts, assessment and obligations for what the inject really exposed, discovered at `discoveredAt`. */
  truth(
    injectId: string,
    discoveredAt: number,
  ): { facts: IncidentFacts; assessment: BreachAssessment; obligations: Obligation[] };
  readonly sent: readonly SentNotice[];
  messageText(messageId: string): string | undefined;
  /** Patients the inject exposed (optionally only residents of one state). */
  exposed(injectId: string, state?: string): string[];
  /** Legal-clock seconds per drill second (1 unless the drill compresses the breach clock). */
  readonly compression: number;
  currentEmail(patientId: string): string | undefined;
}
