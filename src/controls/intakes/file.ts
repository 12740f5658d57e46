import { type FileHandle, open, stat } from 'node:fs/promises';
import type { Clock } from '../../clock/clock.ts';
import type { Timers } from '../../clock/timers.ts';
import { parseAlertLine } from './alert-json.ts';
import type { FileIntakeConfig } from './config.ts';
import type { IntakeSink, RunningIntake } from './intake.ts';
import { LineSplitter, type SplitLine } from './line-splitter.ts';

export interface FileDeps {
  clock: Clock;
  timers: Timers;
  sink: IntakeSink;
}

const CHUNK = 64 * 1024;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Follows an NDJSON file like `tail -F`, by polling: new bytes are read from the last offset; a file
 * that shrank was truncated and is read again from the start; a path that now names another file
 * (rotation) or none is drained, then reopened from the start when it reappears. Polling rather than
 * fs.watch, because watch events are lost on rotation and differ by platform.
 */
export async function startFileIntake(config: FileIntakeConfig, deps: FileDeps): Promise<RunningIntake> {
  const pollMs = config.pollMs ?? 250;
  const splitter = new LineSplitter(config.maxLineBytes ?? 1024 * 1024);
  const buffer = Buffer.alloc(CHUNK);
  let handle: FileHandle | undefined;
  let inode = 0;
  let offset = 0;
  let closed = false;
  let timer: unknown;
  let polling: Promise<void> = Promise.resolve();

  const deliver = (lines: SplitLine[]) => {
    const receivedAt = deps.clock.now();
    for (const line of lines) {
      const where = `${config.path} line ${line.line}`;
      if ('tooLong' in line) {
        deps.sink.reject({
          intake: config.id,
          receivedAt,
          status: 413,
          reason: `${where}: longer than limit`,
        });
        continue;
      }
      const text = line.text.trim();
      if (text === '') continue;
      const parsed = parseAlertLine(text);
      if (parsed.ok) deps.sink.alert({ intake: config.id, receivedAt, body: parsed.alert });
      else
        deps.sink.reject({
          intake: config.id,
          receivedAt,
          status: 400,
          reason: `${where}: ${parsed.reason}`,
        });
    }
  };

  /** Reads from `offset` to the end of the open file, passing every complete line to `use`. */
  async function readNew(use: (lines: SplitLine[]) => void): Promise<void> {
    for (;;) {
      const { bytesRead } = await handle!.read(buffer, 0, CHUNK, offset);
      if (bytesRead === 0) return;
      offset += bytesRead;
      use(splitter.push(buffer.subarray(0, bytesRead)));
    }
  }

  async function openCurrent(): Promise<boolean> {
    try {
      handle = await open(config.path, 'r');
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    inode = (await handle.stat()).ino;
    offset = 0;
    splitter.reset();
    return true;
  }

  async function poll(): Promise<void> {
    if (!handle && !(await openCurrent())) return;
    if ((await handle!.stat()).size < offset) {
      offset = 0;
      splitter.reset();
    }
    await readNew(deliver);
    const current = await stat(config.path).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (current?.ino === inode) return;
    deliver(splitter.end());
    await handle!.close();
    handle = undefined;
    if (current && (await openCurrent())) await readNew(deliver);
  }

  const pollReporting = () =>
    poll().catch((error: unknown) => {
      const reason = `${config.path}: ${(error as Error).message}`;
      deps.sink.reject({ intake: config.id, receivedAt: deps.clock.now(), status: 500, reason });
    });

  function schedule(): void {
    timer = deps.timers.setTimeout(() => {
      polling = pollReporting().finally(() => {
        if (!closed) schedule();
      });
    }, pollMs);
  }

  if (await openCurrent()) {
    // With `end`, what the file already holds is skipped (its lines still counted, so later line
    // numbers match the file) and only what is appended after start is delivered.
    await readNew(config.startAt === 'start' ? deliver : () => {});
  }
  schedule();

  return {
    id: config.id,
    describe: () => ({ type: 'file', path: config.path, pollMs, startAt: config.startAt ?? 'end' }),
    close: async () => {
      closed = true;
      deps.timers.clearTimeout(timer);
      await polling;
      // One last look, so lines written just before the drill ended still count.
      await pollReporting();
      await handle?.close();
      handle = undefined;
    },
  };
}
