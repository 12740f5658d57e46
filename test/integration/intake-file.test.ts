import { appendFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemTimers } from '../../src/clock/timers.ts';
import type { FileIntakeConfig } from '../../src/controls/intakes/config.ts';
import { startFileIntake } from '../../src/controls/intakes/file.ts';
import type { RunningIntake } from '../../src/controls/intakes/intake.ts';
import { fixedClock, type RecordingSink, recordingSink, tempDir } from './intake-fixtures.ts';

let intake: RunningIntake | undefined;
let sink: RecordingSink;
let dir: string;
let path: string;

beforeEach(async () => {
  dir = await tempDir('file-intake');
  path = join(dir, 'alerts.ndjson');
});

afterEach(async () => {
  await intake?.close();
  intake = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function follow(extra: Partial<FileIntakeConfig> = {}) {
  sink = recordingSink();
  intake = await startFileIntake(
    { type: 'file', id: 'siem-file', path, pollMs: 10, ...extra },
    { clock: fixedClock(), timers: systemTimers, sink },
  );
  return intake;
}

const line = (value: object) => `${JSON.stringify(value)}\n`;
const bodies = () => sink.alerts.map((a) => a.body);

describe('file intake', () => {
  it('skips what was there, follows appends, waits for partial lines and rejects a bad line by number', async () => {
    await writeFile(path, `${line({ old: 1 })}${line({ old: 2 })}{"half": `);
    await follow();
    await appendFile(path, `"done"}\n`);
    await appendFile(path, `${line({ n: 1 })}{"n": 2`);
    await sink.settled(2);
    expect(bodies()).toEqual([{ half: 'done' }, { n: 1 }]);
    await appendFile(path, `}\nnot json\n\n${line([1, 2])}`);
    await sink.settled(5);
    expect(bodies()).toEqual([{ half: 'done' }, { n: 1 }, { n: 2 }]);
    expect(sink.rejections.map((r) => [r.status, r.reason.replace(/\(.*\)/, '(…)')])).toEqual([
      [400, `${path} line 6: malformed JSON (…)`],
      [400, `${path} line 8: not a JSON object`],
    ]);
  });

  it('refuses an alert nested thousands of levels deep by line, and still delivers the good alerts around it', async () => {
    await writeFile(path, '');
    await follow({ startAt: 'start' });
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    await appendFile(path, `${line({ n: 1 })}${deep}\n${line({ n: 2 })}`);
    await sink.settled(3);
    expect(bodies()).toEqual([{ n: 1 }, { n: 2 }]);
    expect(sink.rejections.map((r) => [r.status, r.reason])).toEqual([
      [400, `${path} line 2: nested more than 64 levels deep`],
    ]);
  });

  it('starts over when the file is truncated', async () => {
    await writeFile(path, '');
    await follow();
    await appendFile(path, `${line({ before: 1 })}${line({ before: 2 })}`);
    await sink.settled(2);
    await writeFile(path, 'oops\n');
    await sink.settled(3);
    expect(sink.rejections[0]!.reason).toMatch(new RegExp(`${path} line 1: malformed JSON`));
    await appendFile(path, line({ after: 1 }));
    await sink.settled(4);
    expect(bodies()).toEqual([{ before: 1 }, { before: 2 }, { after: 1 }]);
  });

  it('drains a rotated file, flushes its unterminated last line and follows the new one', async () => {
    await writeFile(path, '');
    await follow();
    await appendFile(path, `${line({ gen: 1 })}{"gen": 1, "last": true}`);
    await sink.settled(1);
    await rename(path, `${path}.1`);
    await writeFile(path, line({ gen: 2 }));
    await sink.settled(3);
    expect(bodies()).toEqual([{ gen: 1 }, { gen: 1, last: true }, { gen: 2 }]);
  });

  it('waits for a file that does not exist yet and reads it from the start', async () => {
    await follow();
    expect(intake!.describe()).toEqual({ type: 'file', path, pollMs: 10, startAt: 'end' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    await writeFile(path, line({ first: true }));
    await sink.settled(1);
    expect(bodies()).toEqual([{ first: true }]);
  });

  it('reads existing lines with startAt start, and delivers lines written just before close', async () => {
    await writeFile(path, line({ existing: 1 }));
    await follow({ startAt: 'start', pollMs: 60_000 });
    expect(bodies()).toEqual([{ existing: 1 }]);
    await appendFile(path, line({ lastMinute: 1 }));
    await intake!.close();
    intake = undefined;
    expect(bodies()).toEqual([{ existing: 1 }, { lastMinute: 1 }]);
  });

  it('rejects an over-long line once and keeps following after it', async () => {
    await writeFile(path, '');
    await follow({ maxLineBytes: 32 });
    await appendFile(path, `${line({ padding: 'x'.repeat(100) })}${line({ ok: 1 })}`);
    await sink.settled(2);
    expect(sink.rejections.map((r) => [r.status, r.reason])).toEqual([
      [413, `${path} line 1: longer than limit`],
    ]);
    expect(bodies()).toEqual([{ ok: 1 }]);
  });
});
