import { type Clock, elapsedMs } from '../clock/clock.ts';
import { systemTimers, type Timers } from '../clock/timers.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { RealDataPlane } from '../infra/data-plane.ts';

/** `--hold`: how long a leak stays in place for the user's own scanners. */
export interface HoldOptions {
  /** Real milliseconds to hold at most. */
  forMs: number;
  /** End the hold as soon as an alert arrives through one of the target's intakes. */
  untilAlert: boolean;
  /** Which leak starts the hold: the first of any store's (default), or only that store's. */
  on: HoldTrigger;
}

export const HOLD_TRIGGERS = ['any', 'staging', 'dead-letters', 'sessions'] as const;
export type HoldTrigger = (typeof HOLD_TRIGGERS)[number];

/** How often the drill clock is moved up to real time while holding. */
const TICK_MS = 250;

/** A session hash still live after its logout: replayable by whoever holds its key. */
const liveAfterLogout = (session: Readonly<Record<string, string>>) =>
  session.loggedOutAt !== undefined && session.endedAt === undefined;

/**
 * Holds a leak in place once it has reached the real servers (plaintext staging rows, dead letters,
 * or a portal session left live after logout): the run's agenda waits, so no built-in control purges it, while the drill clock follows
 * real time and the target's intakes keep listening. Released by the first alert through an intake
 * (when asked) or when the time runs out; both ends go into the ledger.
 */
export function createHold(
  options: HoldOptions,
  plane: RealDataPlane,
  clock: Clock,
  ledger: Ledger,
  timers: Timers = systemTimers,
) {
  let state: 'armed' | 'holding' | 'done' = 'armed';
  let alerted = false;
  // The servers are asked only once the estate has written a leak: a check runs after every step.
  const residue = async () => {
    const written = plane.residueWritten();
    if (written.stagingRows + written.deadLetters + written.liveSessions === 0) return written;
    const [rows, letters, sessions] = await Promise.all([
      plane.staging.rows(),
      plane.deadLetters.count(),
      plane.sessions.sessions(),
    ]);
    return {
      stagingRows: rows.filter((row) => !row.encrypted).length,
      deadLetters: letters,
      liveSessions: sessions.filter(liveAfterLogout).length,
    };
  };
  return {
    /** An alert came in through an intake. */
    alert() {
      alerted = true;
    },
    /** After each step of the run: starts (and sits out) the hold the first time a leak is there. */
    async check(): Promise<void> {
      if (state !== 'armed' || plane.lost) return;
      const found = await residue();
      const held = {
        any: found.stagingRows + found.deadLetters + found.liveSessions,
        staging: found.stagingRows,
        'dead-letters': found.deadLetters,
        sessions: found.liveSessions,
      };
      if (held[options.on] === 0) return;
      state = 'holding';
      const from = clock.now();
      ledger.append({
        kind: 'infra.hold',
        at: from,
        phase: 'started',
        ...found,
        namespace: plane.names.namespace,
      });
      const began = elapsedMs();
      while (!(options.untilAlert && alerted) && elapsedMs() - began < options.forMs) {
        await new Promise<void>((resolve) => timers.setTimeout(resolve, TICK_MS));
        await clock.sleepUntil(from + (elapsedMs() - began));
      }
      state = 'done';
      ledger.append({
        kind: 'infra.hold',
        at: clock.now(),
        phase: 'ended',
        reason: options.untilAlert && alerted ? 'alert' : 'time',
        namespace: plane.names.namespace,
      });
    },
  };
}

export type Hold = ReturnType<typeof createHold>;
