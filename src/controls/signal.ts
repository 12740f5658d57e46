import type { DeliveryNote } from '../telemetry/delivery/delivery-note.ts';

/** Severity on the CEF scale's named bands (DOMAIN.md §7). */
export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** What a control (built-in or the user's own, via an intake) says it saw. */
export interface Signal {
  /** `sig-000001`, unique within a run. */
  id: string;
  /** Control id that raised it (`oauth-scope-anomaly`), or the intake it came through. */
  control: string;
  /** Rule or alert name within the control (`third-party-full-scope`). */
  rule: string;
  severity: Severity;
  /** Run-clock time the signal was raised or received. */
  time: number;
  summary: string;
  patientIds: string[];
  /** Telemetry event ids that support it. */
  evidence: string[];
  /** Drill correlation id, if the alert carried one back. */
  correlationId?: string;
  /** How the telemetry that triggered it reached the control (absent for state scans and intakes). */
  delivery?: DeliveryNote;
}

export type SignalInput = Omit<Signal, 'id' | 'time' | 'control' | 'delivery'>;
