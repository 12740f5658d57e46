import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import type { Timers } from '../../src/clock/timers.ts';
import type { Ledger } from '../../src/evidence/ledger.ts';
import type { RealDataPlane } from '../../src/infra/data-plane.ts';
import { infraNames } from '../../src/infra/names.ts';
import { createHold, type HoldTrigger } from '../../src/run/hold.ts';

/** A data plane whose servers hold these sessions and nothing else. */
function planeWith(sessions: Array<Record<string, string>>, liveWritten: number): RealDataPlane {
  return {
    names: infraNames('phi_drill_hold'),
    lost: undefined,
    residueWritten: () => ({ stagingRows: 0, deadLetters: 0, liveSessions: liveWritten }),
    staging: { rows: async () => [] },
    deadLetters: { count: async () => 0 },
    sessions: { sessions: async () => sessions },
  } as unknown as RealDataPlane;
}

// The hold's real-time wait returns at once: the first tick ends a hold of 0 ms.
const immediate: Timers = { setTimeout: (callback) => callback(), clearTimeout: () => {} };

async function holdsOn(on: HoldTrigger, plane: RealDataPlane) {
  const entries: Array<Record<string, unknown>> = [];
  const ledger = { append: (entry: Record<string, unknown>) => entries.push(entry) } as unknown as Ledger;
  const hold = createHold({ forMs: 0, untilAlert: true, on }, plane, new VirtualClock(0), ledger, immediate);
  await hold.check();
  return entries;
}

const LIVE = { id: 's1', loggedOutAt: '1000', lastSeenAt: '900' };
const ENDED = { id: 's2', loggedOutAt: '1000', endedAt: '1000' };

describe('--hold-on sessions', () => {
  it('starts when a session left live after logout is on the server', async () => {
    expect(await holdsOn('sessions', planeWith([LIVE, ENDED], 1))).toEqual([
      expect.objectContaining({ kind: 'infra.hold', phase: 'started', liveSessions: 1 }),
      expect.objectContaining({ kind: 'infra.hold', phase: 'ended', reason: 'time' }),
    ]);
    expect(await holdsOn('any', planeWith([LIVE], 1))).toHaveLength(2);
  });

  it('does not start while every session ended at logout, nor for another store’s trigger', async () => {
    expect(await holdsOn('sessions', planeWith([ENDED], 0))).toEqual([]);
    // The estate wrote one, but the server shows it ended (the write that ended it landed): no hold.
    expect(await holdsOn('sessions', planeWith([ENDED], 1))).toEqual([]);
    expect(await holdsOn('dead-letters', planeWith([LIVE], 1))).toEqual([]);
  });
});
