import type { Clock } from '../clock/clock.ts';
import type { Signal, SignalInput } from '../controls/signal.ts';
import type { Estate } from '../estate/estate.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { TelemetryBus } from '../telemetry/bus.ts';

/** A notice (e-mail) that reached the drill from the organisation's own notification workflow. */
export interface ReceivedNotice {
  id: string;
  intake: string;
  receivedAt: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** What an attachment (the user's own stack: sinks and intakes) may use during a run. */
export interface AttachmentContext {
  readonly estate: Estate;
  readonly bus: TelemetryBus;
  readonly clock: Clock;
  readonly ledger: Ledger;
  /** A signal from an intake; judged like a built-in control's. */
  receive(intake: string, input: SignalInput): Signal;
  /** A notice from an intake; `notify` expectations accept it. */
  notice(notice: Omit<ReceivedNotice, 'id'>): ReceivedNotice;
  /** Correlation ids of injects, as they land, so intakes can relate alerts to them. */
  correlationOf(injectId: string): string | undefined;
}

/** Started after the estate and the built-in controls, closed (always) after the last inject reverts. */
export interface Attachment {
  close(): Promise<void>;
}

export type Attach = (context: AttachmentContext) => Promise<Attachment>;
