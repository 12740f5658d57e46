import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningIntake } from '../../src/controls/intakes/intake.ts';
import { createManualIntake } from '../../src/controls/intakes/manual.ts';
import { fixedClock, type RecordingSink, recordingSink, START } from './intake-fixtures.ts';

let intake: RunningIntake | undefined;
let sink: RecordingSink;
let input: PassThrough;
let said: string;

afterEach(async () => {
  await intake?.close();
  intake = undefined;
});

function open() {
  sink = recordingSink();
  input = new PassThrough();
  const output = new PassThrough();
  said = '';
  output.on('data', (chunk) => {
    said += chunk;
  });
  intake = createManualIntake({ id: 'desk', input, output, clock: fixedClock(), sink });
}

describe('manual intake', () => {
  it('records a confirmation typed at the console and answers with its time', async () => {
    open();
    input.write('confirm privacy-officer-briefed at -30m by Dana Reyes note by phone\r\n');
    await sink.settled(1);
    expect(sink.alerts).toEqual([
      {
        intake: 'desk',
        receivedAt: START,
        body: {
          kind: 'manual',
          expectationId: 'privacy-officer-briefed',
          at: START - 30 * 60_000,
          by: 'Dana Reyes',
          note: 'by phone',
        },
      },
    ]);
    expect(said).toBe('confirmed privacy-officer-briefed at 2026-03-02T12:30:00.000Z by Dana Reyes\n');
  });

  it('answers a bad line with the help text and records it as a rejection; blank lines and help are not', async () => {
    open();
    input.write('\nhelp\nconfirm kiosk-cleared at yesterday\n');
    await sink.settled(1);
    expect(sink.alerts).toEqual([]);
    expect(sink.rejections).toEqual([
      {
        intake: 'desk',
        receivedAt: START,
        status: 400,
        reason:
          '"confirm kiosk-cleared at yesterday": "at yesterday" is not a time: use an ISO time with offset, or +30m / -15m',
      },
    ]);
    expect(said.match(/^usage: confirm <expectation-id>/gm)).toHaveLength(2);
    expect(said).toContain('not recorded: "at yesterday" is not a time');
  });

  it('stops reading on close, leaving the caller’s streams open', async () => {
    open();
    await intake!.close();
    intake = undefined;
    input.write('confirm kiosk-cleared\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.alerts).toEqual([]);
    expect(input.destroyed).toBe(false);
  });
});
