import type { BreachDesk } from '../breach/desk.ts';
import type { Clock } from '../clock/clock.ts';
import type { Estate } from '../estate/estate.ts';
import type { TelemetryGroup } from '../telemetry/delivery/monitoring.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import type { Signal, SignalInput } from './signal.ts';

/**
 * Reads of the data plane's real servers (`--infra services|containers`): what a database scanner,
 * queue monitor or session-store auditor sees. Each read first waits for the estate's writes to land.
 */
export interface InfraReaders {
  /** Rows of the sync job's staging table, by SQL. */
  stagingRows(): Promise<Array<{ patientId: string; encrypted: boolean; payload: string }>>;
  /** The dead-letter queue's messages, read over AMQP and left in place. */
  deadLetters(): Promise<Array<{ messageId: string; body: string }>>;
  /** Portal session hashes in the session store. */
  sessions(): Promise<Array<Record<string, string>>>;
}

export interface ControlContext {
  readonly estate: Estate;
  readonly clock: Clock;
  /** Raises a signal; the runner stamps id, time and control id and records it in the ledger. */
  raise(signal: SignalInput): void;
  /** The organisation's breach policy and the record of notices it sent, when the scenario has one. */
  readonly breach?: BreachDesk;
  /** Runs a later step of a response (a notice mailed days after discovery) on the run’s clock; unit rigs may omit it. */
  later?(delayMs: number, step: () => void): void;
  /** The real servers behind the data plane; absent on the default in-memory provider. */
  readonly infra?: InfraReaders;
}

/** A running control: it observes telemetry and/or scans estate state on a schedule. */
export interface ControlInstance {
  onEvent?(event: TelemetryEvent): void;
  /** Called every `scanEveryMs` of run time, for controls that inspect state (queues, tables). */
  onScan?(): void | Promise<void>;
  /** Responders see every signal raised by any control. */
  onSignal?(signal: Signal): void;
}

/**
 * kind:
 * - `detector` watches telemetry/state and raises signals (and may run an automated response);
 * - `audit-trail` is a logging safeguard of the estate itself (switching it off stops the records);
 * - `responder` is the incident workflow that acts on signals (opening notification tasks).
 */
export interface ControlDefinition {
  id: string;
  summary: string;
  kind: 'detector' | 'audit-trail' | 'responder';
  /** Rules this control can raise, as named in `detect` expectations. */
  rules: readonly string[];
  /** Leak patterns (injector ids) this control is the reference answer for. */
  covers: readonly string[];
  /**
   * Telemetry this control reads (`onEvent`): it receives an event only when the organisation's
   * monitoring delivers it, and nothing from a group it does not list or the organisation does not collect.
   */
  reads?: readonly TelemetryGroup[];
  /**
   * The control runs inside the system that emits the events (an authorization server's policy, a
   * mail gateway's DLP), so it sees them as they happen, before any log pipeline.
   */
  inline?: boolean;
  /** Scan interval for `onScan`, in run-clock ms. */
  scanEveryMs?: number;
  /** Configures the estate with this safeguard on (enabled) or off (disabled) before the run starts. */
  configure?(estate: Estate, enabled: boolean): void;
  start?(context: ControlContext): ControlInstance;
}

export function defineControl(definition: ControlDefinition): ControlDefinition {
  return definition;
}
