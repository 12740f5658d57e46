import { type ChildProcess, spawn } from 'node:child_process';
import type { Clock } from '../../clock/clock.ts';
import type { Timers } from '../../clock/timers.ts';
import { parseAlertOutput } from './alert-json.ts';
import type { CommandIntakeConfig } from './config.ts';
import type { IntakeSink, RunningIntake } from './intake.ts';

export interface CommandDeps {
  clock: Clock;
  timers: Timers;
  sink: IntakeSink;
  env: Readonly<Record<string, string | undefined>>;
}

const DEFAULT_MAX_OUTPUT = 1024 * 1024;
const STDERR_KEPT = 4096;
const STDERR_SHOWN = 500;

/** What one run of the command came to, before it is turned into alerts or a rejection. */
interface RunResult {
  stdout: string;
  stderr: string;
  failure?: { status: number; reason: string };
}

function passthroughEnv(names: readonly string[], env: CommandDeps['env']): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

function withStderr(reason: string, stderr: string): string {
  const excerpt = stderr.trim().slice(-STDERR_SHOWN);
  return excerpt ? `${reason}; stderr: ${JSON.stringify(excerpt)}` : reason;
}

/**
 * Runs the user's command (no shell, only the listed environment) every `intervalMs` after the
 * previous run ended, so runs never overlap. A run that exits non-zero, times out, overflows its
 * output budget or prints bad JSON is rejected with the reason and the tail of its stderr.
 */
export async function startCommandIntake(
  config: CommandIntakeConfig,
  deps: CommandDeps,
): Promise<RunningIntake> {
  const maxOutput = config.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const env = passthroughEnv(config.envPassthrough ?? [], deps.env);
  let closed = false;
  let child: ChildProcess | undefined;
  let nextRun: unknown;
  let running: Promise<void> | undefined;

  function runOnce(): Promise<RunResult> {
    return new Promise((resolve) => {
      const out: Buffer[] = [];
      let outBytes = 0;
      let stderr = '';
      let failure: RunResult['failure'];
      let proc: ChildProcess;
      try {
        proc = spawn(config.command, config.args ?? [], {
          shell: false,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          windowsHide: true,
        });
      } catch (error) {
        // Invalid arguments throw synchronously instead of emitting 'error'.
        resolve({
          stdout: '',
          stderr: '',
          failure: { status: 502, reason: `could not run: ${(error as Error).message}` },
        });
        return;
      }
      child = proc;
      const stop = (status: number, reason: string) => {
        failure ??= { status, reason };
        proc.kill('SIGKILL');
      };
      const deadline = deps.timers.setTimeout(
        () => stop(504, `timed out after ${config.timeoutMs} ms`),
        config.timeoutMs,
      );
      proc.stdout!.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > maxOutput) stop(413, `stdout exceeded ${maxOutput} bytes`);
        else out.push(chunk);
      });
      proc.stderr!.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
      });
      let done = false;
      const finish = (fallback?: RunResult['failure']) => {
        if (done) return;
        done = true;
        deps.timers.clearTimeout(deadline);
        child = undefined;
        failure ??= fallback;
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr, failure });
      };
      proc.on('error', (error) => finish({ status: 502, reason: `could not run: ${error.message}` }));
      proc.on('close', (code, signal) => {
        if (code === 0) finish();
        else finish({ status: 502, reason: signal ? `killed by ${signal}` : `exited with code ${code}` });
      });
    });
  }

  async function cycle(): Promise<void> {
    const result = await runOnce();
    // A run cut short by close() is the drill ending, not the user's command failing.
    if (closed) return;
    const receivedAt = deps.clock.now();
    const reject = (status: number, reason: string) =>
      deps.sink.reject({ intake: config.id, receivedAt, status, reason: withStderr(reason, result.stderr) });
    if (result.failure) return reject(result.failure.status, result.failure.reason);
    const parsed = parseAlertOutput(result.stdout);
    for (const body of parsed.alerts) deps.sink.alert({ intake: config.id, receivedAt, body });
    for (const error of parsed.errors) reject(400, `stdout line ${error.line}: ${error.reason}`);
  }

  function tick(): void {
    running = cycle()
      .catch((error: unknown) => {
        // Only a throwing sink gets here; the intake keeps polling rather than dying silently.
        deps.sink.reject({
          intake: config.id,
          receivedAt: deps.clock.now(),
          status: 500,
          reason: `intake error: ${(error as Error).message}`,
        });
      })
      // A sink that throws on reject as well has no one left to tell.
      .catch(() => {})
      .finally(() => {
        running = undefined;
        if (!closed) nextRun = deps.timers.setTimeout(tick, config.intervalMs);
      });
  }

  tick();
  return {
    id: config.id,
    describe: () => ({
      type: 'command',
      command: [config.command, ...(config.args ?? [])].join(' '),
      intervalMs: config.intervalMs,
      timeoutMs: config.timeoutMs,
      env: (config.envPassthrough ?? []).join(',') || '(none)',
    }),
    close: async () => {
      closed = true;
      deps.timers.clearTimeout(nextRun);
      child?.kill('SIGKILL');
      await running;
    },
  };
}
