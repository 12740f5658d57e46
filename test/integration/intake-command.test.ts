import { afterEach, describe, expect, it } from 'vitest';
import { systemTimers } from '../../src/clock/timers.ts';
import { startCommandIntake } from '../../src/controls/intakes/command.ts';
import type { CommandIntakeConfig } from '../../src/controls/intakes/config.ts';
import type { RunningIntake } from '../../src/controls/intakes/intake.ts';
import { fixedClock, type RecordingSink, recordingSink, START } from './intake-fixtures.ts';

let intake: RunningIntake | undefined;
let sink: RecordingSink;

afterEach(async () => {
  await intake?.close();
  intake = undefined;
});

async function run(script: string, extra: Partial<CommandIntakeConfig> = {}) {
  sink = recordingSink();
  intake = await startCommandIntake(
    {
      type: 'command',
      id: 'siem-poll',
      command: process.execPath,
      args: ['-e', script],
      intervalMs: 60_000,
      timeoutMs: 5_000,
      ...extra,
    },
    { clock: fixedClock(), timers: systemTimers, sink, env: { ALLOWED: 'yes', HIDDEN: 'secret' } },
  );
  return intake;
}

describe('command intake', () => {
  it('delivers NDJSON alerts and rejects a bad line by number, keeping the good ones', async () => {
    await run(`
      console.log(JSON.stringify({ rule: 'a' }));
      console.log('{not json');
      console.log('');
      console.log(JSON.stringify({ rule: 'b' }));
      console.error('warning: partial results');
    `);
    await sink.settled(3);
    expect(sink.alerts).toEqual([
      { intake: 'siem-poll', receivedAt: START, body: { rule: 'a' } },
      { intake: 'siem-poll', receivedAt: START, body: { rule: 'b' } },
    ]);
    expect(sink.rejections).toHaveLength(1);
    expect(sink.rejections[0]).toMatchObject({ intake: 'siem-poll', status: 400 });
    expect(sink.rejections[0]!.reason).toMatch(
      /^stdout line 2: malformed JSON \(.+\); stderr: "warning: partial results"$/,
    );
  });

  it('delivers every object of a JSON array, and a broken array as one rejection', async () => {
    await run(`process.stdout.write(JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]))`);
    await sink.settled(3);
    expect(sink.alerts.map((a) => a.body)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await intake!.close();
    await run(`process.stdout.write('[{"n": 1}, 2]')`);
    await sink.settled(1);
    expect(sink.alerts).toEqual([]);
    expect(sink.rejections[0]!.reason).toBe('stdout line 1: item 1 is not a JSON object');
  });

  it('rejects a non-zero exit with its code and stderr, delivering none of its output', async () => {
    await run(
      `console.log(JSON.stringify({ rule: 'half' })); console.error('search head unreachable'); process.exit(3)`,
    );
    await sink.settled(1);
    expect(sink.alerts).toEqual([]);
    expect(sink.rejections[0]).toMatchObject({
      status: 502,
      reason: 'exited with code 3; stderr: "search head unreachable"',
    });
  });

  it('kills and rejects a run past timeoutMs, and one whose output exceeds its budget', async () => {
    await run(`setInterval(() => {}, 1000)`, { timeoutMs: 150 });
    await sink.settled(1);
    expect(sink.rejections[0]).toMatchObject({ status: 504, reason: 'timed out after 150 ms' });
    await intake!.close();
    await run(`process.stdout.write('x'.repeat(5000)); setInterval(() => {}, 1000)`, {
      maxOutputBytes: 1000,
    });
    await sink.settled(1);
    expect(sink.rejections[0]).toMatchObject({ status: 413, reason: 'stdout exceeded 1000 bytes' });
  });

  it('rejects a command that cannot be started', async () => {
    await run('', { command: '/nonexistent/siem-cli', args: [] });
    await sink.settled(1);
    expect(sink.rejections[0]).toMatchObject({ status: 502 });
    expect(sink.rejections[0]!.reason).toMatch(/^could not run: spawn \/nonexistent\/siem-cli ENOENT/);
  });

  it('passes through only the listed environment variables, without a shell', async () => {
    const script = `console.log(JSON.stringify({ env: process.env, argv: process.argv.slice(1) }))`;
    await run(script, { envPassthrough: ['ALLOWED', 'NOT_SET'], args: ['-e', script, '$HOME;', '*'] });
    await sink.settled(1);
    expect(sink.alerts[0]!.body).toEqual({ env: { ALLOWED: 'yes' }, argv: ['$HOME;', '*'] });
    expect(intake!.describe()).toMatchObject({ type: 'command', env: 'ALLOWED,NOT_SET' });
  });

  it('runs again every intervalMs, never overlapping, and stops on close', async () => {
    await run(`console.log(JSON.stringify({ pid: process.pid }))`, { intervalMs: 30 });
    await sink.settled(3);
    await intake!.close();
    const seen = sink.alerts.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sink.alerts.length).toBe(seen);
    const pids = new Set(sink.alerts.map((a) => (a.body as { pid: number }).pid));
    expect(pids.size).toBe(seen);
  });

  it('ends a run cut short by close without calling it a failure', async () => {
    await run(`setInterval(() => {}, 1000)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await intake!.close();
    intake = undefined;
    expect(sink.rejections).toEqual([]);
  });
});
