import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../clock/clock.ts';
import type { Timers } from '../../clock/timers.ts';
import type { IntakeSink } from './intake.ts';
import type { AlertMapping } from './mapping.ts';

/** Fields every intake in a target file has. */
interface IntakeBase {
  /** Kebab-case id, recorded on every alert and rejection that came through this intake. */
  id: string;
  /** How to read rule, severity, correlation id … out of this intake's alert bodies. */
  mapping?: AlertMapping;
}

/** HTTP receiver on 127.0.0.1 for signed alert POSTs. */
export interface WebhookIntakeConfig extends IntakeBase {
  type: 'webhook';
  /** 0 (default) picks a free port; `describe()` reports the one bound. */
  port?: number;
  /** Default `/alerts`. */
  path?: string;
  /** Name of the environment variable holding the HMAC secret; a random one is generated when unset. */
  secretEnv?: string;
  /** Largest accepted body in bytes; default 1 MiB. */
  maxBytes?: number;
}

/** A user command run on an interval whose stdout is NDJSON or a JSON array of alerts. */
export interface CommandIntakeConfig extends IntakeBase {
  type: 'command';
  command: string;
  args?: string[];
  intervalMs: number;
  timeoutMs: number;
  /** Environment variables passed through to the command; nothing else is (list PATH for bare names). */
  envPassthrough?: string[];
  /** Largest stdout accepted per run in bytes; default 1 MiB. */
  maxOutputBytes?: number;
}

/** An NDJSON file followed like `tail -F`. */
export interface FileIntakeConfig extends IntakeBase {
  type: 'file';
  path: string;
  /** How often the file is checked; default 250 ms. */
  pollMs?: number;
  /** `end` (default) ignores what the file held before the intake started; `start` reads it all. */
  startAt?: 'start' | 'end';
  /** Longest line accepted in bytes; default 1 MiB. */
  maxLineBytes?: number;
}

/** SMTP server on 127.0.0.1 for e-mailed alerts and notices. */
export interface SmtpIntakeConfig extends IntakeBase {
  type: 'smtp';
  /** 0 (default) picks a free port. */
  port?: number;
  /** Largest accepted message in bytes; default 10 MiB. */
  maxBytes?: number;
  /** When set, clients must AUTH PLAIN with the user and password held in these environment variables. */
  auth?: { userEnv: string; passwordEnv: string };
}

/** A person confirming expectations at a console. */
export interface ManualIntakeConfig extends IntakeBase {
  type: 'manual';
}

export type IntakeConfig =
  | WebhookIntakeConfig
  | CommandIntakeConfig
  | FileIntakeConfig
  | SmtpIntakeConfig
  | ManualIntakeConfig;

export type IntakeType = IntakeConfig['type'];

/** What every intake is started with. */
export interface IntakeDeps {
  clock: Clock;
  timers: Timers;
  sink: IntakeSink;
  /** The process environment (or a test's stand-in); secrets are read from it by name. */
  env: Readonly<Record<string, string | undefined>>;
  /** Run evidence folder; intakes that keep what they received (SMTP) write under `<evidenceDir>/<id>/`. */
  evidenceDir: string;
  /** Console for the manual intake; process stdin/stdout when omitted. */
  console?: { input: Readable; output: Writable };
}
