import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RealClock } from '../../src/clock/clock.ts';
import { systemTimers } from '../../src/clock/timers.ts';
import { soak } from '../../src/soak/soak.ts';
import { soakProgress } from '../../src/soak/soak-progress.ts';
import { renderSoakTable } from '../../src/soak/soak-table.ts';
import { targetSchema } from '../../src/target/schema.ts';

it('stops replaying when told, drains what was sent and says how far it got', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'phi-drill-soak-stop-'));
  try {
    const target = targetSchema.parse({
      id: 'soak-stop',
      telemetry: [{ id: 'file', type: 'file', encoder: 'jsonl', path: join(folder, 'out.jsonl') }],
    });
    const stop = new AbortController();
    const report = await soak({
      target,
      clock: new RealClock(),
      timers: systemTimers,
      env: {},
      seed: 1,
      patients: 50,
      level: 'heavy',
      durationMs: 3_600_000,
      maxEvents: 1_000,
      // Real rate: without the stop this would take an hour.
      speed: 1,
      maxLoss: 0,
      // Stopped while it waits for the second event, which is seconds to minutes away at real rate.
      onProgress: (done) => {
        if (done === 1) systemTimers.setTimeout(() => stop.abort(), 100);
      },
      signal: stop.signal,
    });
    // Events recorded at the same instant as the first go out with it; the rest are never sent.
    const { replayed } = report;
    expect(replayed).toBeGreaterThanOrEqual(1);
    expect(replayed).toBeLessThan(report.events);
    expect(report.sinks[0]).toMatchObject({ written: replayed, delivered: replayed, lost: 0 });
    expect((await readFile(join(folder, 'out.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(replayed);
    expect(renderSoakTable(report)).toContain(`stopped after ${replayed} of ${report.events} events`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

it('redraws one line on a terminal and writes a plain line per tenth elsewhere', () => {
  let now = 0;
  const tty: string[] = [];
  const onTerminal = soakProgress({ isTTY: true, write: (text) => tty.push(text), now: () => now });
  for (let done = 1; done <= 20; done++) {
    now += 50;
    onTerminal.update(done, 20);
  }
  onTerminal.stop();
  expect(tty.every((text) => text === '\n' || text.startsWith('\r\u001b[2Ksoak: '))).toBe(true);
  expect(tty.at(-2)).toContain('soak: 20/20 events (100%)');
  expect(tty.at(-1)).toBe('\n');
  expect(tty.length).toBeLessThan(10);

  const ci: string[] = [];
  const inCi = soakProgress({ isTTY: false, write: (text) => ci.push(text), now: () => 0 });
  for (let done = 1; done <= 100; done++) inCi.update(done, 100);
  inCi.stop();
  expect(ci).toHaveLength(10);
  expect(ci[0]).toBe('soak: 10/100 events (10%) in 0 s\n');
});
