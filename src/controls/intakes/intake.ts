/** One alert as it arrived from the user's own stack, before mapping to a Signal. */
export interface IncomingAlert {
  /** Intake id from the target file. */
  intake: string;
  /** Run-clock time it was received. */
  receivedAt: number;
  /** The alert document as received (parsed JSON, or for SMTP the parsed message fields). */
  body: unknown;
}

/** Something an intake refused, with the reason; recorded in the ledger, never silently dropped. */
export interface IntakeRejection {
  intake: string;
  receivedAt: number;
  /** HTTP-style status where one applies (401 bad signature, 413 too large, 400 malformed). */
  status: number;
  reason: string;
}

export interface IntakeSink {
  alert(alert: IncomingAlert): void;
  reject(rejection: IntakeRejection): void;
}

/** A running intake; `describe` says where it listens (URL, SMTP port, file path) for the target owner. */
export interface RunningIntake {
  readonly id: string;
  describe(): Record<string, string | number>;
  close(): Promise<void>;
}
