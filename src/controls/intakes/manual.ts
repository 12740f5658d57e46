import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../clock/clock.ts';
import { CONFIRM_USAGE, MANUAL_HELP, parseConfirmation } from './confirmation.ts';
import type { IntakeSink, RunningIntake } from './intake.ts';

export interface ManualIntakeOptions {
  /** Defaults to `manual`. */
  id?: string;
  input: Readable;
  output: Writable;
  clock: Clock;
  sink: IntakeSink;
}

/**
 * A console where a person confirms manual expectations, one line each. Every confirmation is
 * echoed back with the time it was recorded at; a line that does not parse is answered with the
 * help text and recorded as a rejection, so a mistyped confirmation is visible in the ledger.
 */
export function createManualIntake(options: ManualIntakeOptions): RunningIntake {
  const id = options.id ?? 'manual';
  const say = (text: string) => options.output.write(`${text}\n`);
  const lines = createInterface({
    input: options.input,
    terminal: false,
    crlfDelay: Number.POSITIVE_INFINITY,
  });

  lines.on('line', (raw) => {
    const line = raw.trim();
    if (line === '') return;
    if (line === 'help' || line === '?') return say(MANUAL_HELP);
    const receivedAt = options.clock.now();
    const parsed = parseConfirmation(line, receivedAt);
    if (!parsed.ok) {
      options.sink.reject({ intake: id, receivedAt, status: 400, reason: `"${line}": ${parsed.error}` });
      say(`not recorded: ${parsed.error}\n${MANUAL_HELP}`);
      return;
    }
    const { confirmation } = parsed;
    options.sink.alert({ intake: id, receivedAt, body: confirmation });
    say(
      `confirmed ${confirmation.expectationId} at ${new Date(confirmation.at).toISOString()} by ${confirmation.by}`,
    );
  });

  return {
    id,
    describe: () => ({ type: 'manual', usage: CONFIRM_USAGE }),
    close: async () => {
      // The streams belong to the caller (often process stdin/stdout); only our reader is closed.
      lines.close();
    },
  };
}
