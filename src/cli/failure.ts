import { UsageError } from './usage.ts';

/**
 * The set-up let the run down (a folder that cannot be written, a port in use, a secret not in the
 * environment): exit 3 with what is wrong and how to fix it, never the "missed" code 1.
 */
export class OperationalError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

export interface Failure {
  exitCode: 2 | 3;
  /** One line: what is wrong; how to fix it. */
  line: string;
}

/** What the operating system's error codes mean to a user, and what to do about each. */
const SYSTEM_ERRORS: Readonly<Record<string, { what: string; fix: string }>> = {
  ENOENT: { what: 'no such file or folder', fix: 'check the path' },
  ENOTDIR: { what: 'part of the path is a file, not a folder', fix: 'name a folder' },
  EISDIR: { what: 'is a folder, not a file', fix: 'name a file' },
  EEXIST: { what: 'already exists', fix: 'name a new path' },
  EACCES: { what: 'permission denied', fix: 'choose a path you can write, or fix its permissions' },
  EPERM: { what: 'operation not permitted', fix: 'choose a path you can write, or fix its permissions' },
  EROFS: { what: 'read-only file system', fix: 'choose a writable path' },
  ENOSPC: { what: 'no space left on the device', fix: 'free some space or choose another disk' },
  EMFILE: { what: 'too many open files', fix: 'raise the limit (ulimit -n) or use fewer --jobs' },
  EADDRINUSE: { what: 'address already in use', fix: 'choose another port, or stop what listens there' },
  EADDRNOTAVAIL: { what: 'address not available on this machine', fix: 'listen on 127.0.0.1' },
  ECONNREFUSED: { what: 'connection refused', fix: 'start the service, or check its address' },
};

/**
 * Turns anything a command threw into one line and an exit code: a usage mistake is 2, everything
 * else (the file system, the network, a bug) is 3 — never 1, which CI reads as "an expectation was
 * missed". `debug` appends the stack for a bug report.
 */
export function describeFailure(command: string, error: unknown, debug: boolean): Failure {
  const prefix = command ? `phi-drill ${command}` : 'phi-drill';
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (error instanceof UsageError) return { exitCode: 2, line: `${prefix}: ${error.message}${stack}` };
  if (error instanceof OperationalError) {
    return { exitCode: 3, line: `${prefix}: ${error.message}; ${error.fix}${stack}` };
  }
  const code = systemCode(error);
  const known = code ? SYSTEM_ERRORS[code] : undefined;
  if (known) {
    const where = systemPath(error);
    const subject = where ? `${where}: ` : '';
    return { exitCode: 3, line: `${prefix}: ${subject}${known.what} (${code}); ${known.fix}${stack}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint = debug ? '' : ' (run again with --debug for the stack trace, and report it)';
  return { exitCode: 3, line: `${prefix}: internal error: ${firstLine(message)}${hint}${stack}` };
}

function systemCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function systemPath(error: unknown): string | undefined {
  const { path, address, port } = (error ?? {}) as { path?: unknown; address?: unknown; port?: unknown };
  if (typeof path === 'string') return path;
  if (typeof address === 'string') return port === undefined ? address : `${address}:${String(port)}`;
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.slice(0, 300);
}
