/** A command-line mistake: printed with the command's usage text, exit code 2. */
export class UsageError extends Error {}

export type Parsed<T> = { ok: true; value: T } | { ok: false; exitCode: number };

/**
 * Parses a command's arguments; a UsageError is printed with the usage (exit 2), `--help` prints the
 * usage (exit 0). Anything else thrown is a bug and propagates.
 */
export function parseOrExplain<T>(
  command: string,
  usage: string,
  parse: () => T | 'help',
  io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } },
): Parsed<T> {
  let parsed: T | 'help';
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`phi-drill ${command}: ${error.message}\n${usage}`);
    return { ok: false, exitCode: 2 };
  }
  if (parsed === 'help') {
    io.stdout.write(usage);
    return { ok: false, exitCode: 0 };
  }
  return { ok: true, value: parsed };
}
