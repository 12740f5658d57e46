import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real terminal for end-to-end tests: a tmux server on its own socket (never the user's), one
 * window per program, keys sent with send-keys and the screen read back with capture-pane.
 */
export class TmuxTerminal {
  readonly #socket = `phi-drill-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  static async available(): Promise<boolean> {
    return run('tmux', ['-V']).then(
      () => true,
      () => false,
    );
  }

  async #tmux(...args: string[]): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.#socket, ...args]);
    return stdout;
  }

  /** Starts `command` (a shell line) in a new session of the given size. */
  async open(name: string, command: string, size = { columns: 80, rows: 24 }): Promise<void> {
    await this.#tmux(
      'new-session',
      '-d',
      '-s',
      name,
      '-x',
      String(size.columns),
      '-y',
      String(size.rows),
      command,
    );
  }

  /** Named keys (Enter, Right, BSpace …) or single characters. */
  async keys(name: string, ...keys: string[]): Promise<void> {
    await this.#tmux('send-keys', '-t', name, ...keys);
  }

  /** Literal text, typed as is. */
  async type(name: string, text: string): Promise<void> {
    await this.#tmux('send-keys', '-t', name, '-l', text);
  }

  async screen(name: string): Promise<string> {
    return this.#tmux('capture-pane', '-p', '-t', name);
  }

  /** Process id of the program the window runs (the shell's child). */
  async programPid(name: string): Promise<number> {
    const shell = (await this.#tmux('display-message', '-p', '-t', name, '#{pane_pid}')).trim();
    const { stdout } = await run('pgrep', ['-P', shell]);
    return Number(stdout.trim().split('\n')[0]);
  }

  /** Polls the screen until `pattern` shows; the last screen is in the error when it never does. */
  async waitFor(name: string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = performance.now() + timeoutMs;
    let screen = '';
    while (performance.now() < deadline) {
      screen = await this.screen(name);
      if (pattern.test(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${pattern} on the screen:\n${screen}`);
  }

  async close(): Promise<void> {
    await this.#tmux('kill-server').catch(() => undefined);
  }
}
