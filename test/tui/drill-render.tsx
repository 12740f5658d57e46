import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink';
import { type ReactElement, useSyncExternalStore } from 'react';
import { DrillScreen } from '../../src/tui/screens/drill-screen.tsx';
import type { StubSession } from './stub-session.ts';

/**
 * ink-testing-library fixes its terminal at 100 columns and leaves rows to the host terminal; the drill
 * screen is specified at 80×24, so these tests render through Ink with a terminal of a chosen size.
 */
class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export function renderAt(tree: ReactElement, { columns = 80, rows = 24 } = {}) {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    stdin,
    frames: stdout.frames,
    lastFrame: () => stdout.frames.at(-1) ?? '',
    unmount: instance.unmount,
  };
}

/** What the app shell does: re-render the screen with the session's latest view. */
export function LiveDrill({
  stub,
  onHotwash = () => {},
  onTyping,
}: {
  stub: StubSession;
  onHotwash?: () => void;
  onTyping?: (typing: boolean) => void;
}) {
  const view = useSyncExternalStore(
    (listener) => stub.subscribe(listener),
    () => stub.view(),
  );
  return <DrillScreen session={stub} view={view} onHotwash={onHotwash} onTyping={onTyping} />;
}

/** Lets Ink handle the last write and React commit; twice covers effects scheduled by the first. */
export async function tick(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

/** A lone ESC is held ~20 ms by Ink in case an escape sequence follows. */
export async function afterEscape(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 60));
}

export const KEY = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  backspace: '\u007F',
};

/** Every frame line fits the terminal: no line wider than `columns`, no more lines than `rows`. */
export function frameFits(frame: string, columns = 80, rows = 24): boolean {
  const lines = frame.split('\n');
  return lines.length <= rows && lines.every((line) => [...stripVTControlCharacters(line)].length <= columns);
}

/** Ink's own chalk: tests run without a TTY, so colour must be forced on to prove the screen can turn it off. */
export async function inkChalk(): Promise<{ level: number }> {
  const path = createRequire(fileURLToPath(import.meta.resolve('ink'))).resolve('chalk');
  return (await import(pathToFileURL(path).href)).default;
}
