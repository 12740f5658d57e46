import type { DeliveryNote } from '../telemetry/delivery/delivery-note.ts';

export type ExpectationType = 'detect' | 'log' | 'contain' | 'notify' | 'manual';

/**
 * met: happened inside the window (latency measured from the inject);
 * late: happened, but after the window closed; missed: never happened;
 * not-applicable: could not be judged in this run, with the reason (e.g. a manual step in an unattended run).
 */
export type VerdictStatus = 'met' | 'late' | 'missed' | 'not-applicable';

export interface Verdict {
  expectationId: string;
  type: ExpectationType;
  injectId: string;
  status: VerdictStatus;
  /** Window length in ms, measured from the inject. */
  windowMs: number;
  /** When the inject landed, run clock. */
  injectedAt: number;
  /** When the expected thing happened (first matching signal, containment, record, notice). */
  observedAt?: number;
  /** observedAt − injectedAt */
  latencyMs?: number;
  /** Notify obligations: the legal due time with the jurisdiction's UTC offset (`2026-04-02T23:59:59-07:00`). */
  deadline?: string;
  /** One sentence a person can act on: what was expected, what was seen. */
  reason: string;
  /** Ids of signals, telemetry events or records that support the verdict. */
  evidence: string[];
  /** For detect and log verdicts: when the deciding record was generated and when its source published it. */
  delivery?: DeliveryNote;
}
