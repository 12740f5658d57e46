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
    if (!(error instanceof UsageError) && !isParseArgsError(error)) throw error;
    io.stderr.write(`phi-drill ${command}: ${firstSentence((error as Error).message)}\n${usage}`);
    return { ok: false, exitCode: 2 };
  }
  if (parsed === 'help') {
    io.stdout.write(usage);
    return { ok: false, exitCode: 0 };
  }
  return { ok: true, value: parsed };
}

/** node:util parseArgs rejects unknown options and missing values with these codes: the user's mistake, not a bug. */
function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_')
  );
}

/** parseArgs appends advice about `--` that only confuses here. */
function firstSentence(message: string): string {
  return message.replace(/\. To specify a positional argument.*$/s, '');
}
