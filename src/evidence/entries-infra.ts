/** Ledger entries of a run whose data plane lives on real servers (`--infra services|containers`). */
import type { EntryBase } from './entries.ts';

/** One thing a run created on a real server (`--infra services|containers`). */
export interface InfraResourceRecord {
  system: 'postgres' | 'rabbitmq' | 'redis';
  kind: 'schema' | 'table' | 'exchange' | 'queue' | 'key-prefix';
  name: string;
}

/**
 * The run created these on real servers. Written before anything goes into them, so a run killed
 * mid-way still names what `phi-drill cleanup` must remove.
 */
export interface InfraCreatedEntry extends EntryBase {
  kind: 'infra.created';
  provider: 'services' | 'containers';
  namespace: string;
  /** Connection URLs without passwords. */
  urls: { postgres: string; amqp: string; redis: string };
  resources: InfraResourceRecord[];
}

/** What the run (or `cleanup`) removed again; `failures` names what could not be removed. */
export interface InfraRemovedEntry extends EntryBase {
  kind: 'infra.removed';
  namespace: string;
  by: 'run' | 'cleanup';
  failures: string[];
}

/** A server stopped answering mid-run: later writes to it were skipped. */
export interface InfraLostEntry extends EntryBase {
  kind: 'infra.lost';
  operation: string;
  error: string;
}

/** `--hold`: the leak sat on the real servers for the user's own scanners, from `started` to `ended`. */
export interface InfraHoldEntry extends EntryBase {
  kind: 'infra.hold';
  phase: 'started' | 'ended';
  namespace: string;
  /** What was held (started): plaintext staging rows and dead letters on the servers. */
  stagingRows?: number;
  deadLetters?: number;
  /** Why it ended: an alert through an intake, or the time ran out. */
  reason?: 'alert' | 'time';
}
