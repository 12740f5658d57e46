import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Timers } from '../../src/clock/timers.ts';
import { TabletopSession } from '../../src/tabletop/session.ts';
import { PACINGS } from '../../src/tabletop/types.ts';
import { catalogScenario, registry } from '../integration/drill-harness.ts';

/** Timers a test fires by hand, so playing the clock is deterministic. */
export class ManualTimers implements Timers {
  pending: Array<() => void> = [];
  setTimeout(callback: () => void): unknown {
    this.pending.push(callback);
    return callback;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((callback) => callback !== handle);
  }
  fire(): void {
    const due = this.pending;
    this.pending = [];
    for (const callback of due) callback();
  }
}

export async function openSession(
  id = 'portal-session-reuse',
  pacing = PACINGS[0]!,
  timers: Timers = new ManualTimers(),
  env?: Record<string, string | undefined>,
) {
  const { scenario, file, text } = await catalogScenario(id);
  const folder = join(await mkdtemp(join(tmpdir(), 'phi-drill-tabletop-')), 'run');
  const session = TabletopSession.start({
    scenario,
    scenarioFile: file,
    scenarioText: text,
    registry,
    folder,
    participants: [
      { name: 'Ada Facil', role: 'facilitator' },
      { name: 'Dana Reyes', role: 'privacy officer' },
    ],
    pacing,
    timers,
    ...(env ? { env } : {}),
  });
  await session.settled();
  return { session, folder, scenario, file, text };
}
