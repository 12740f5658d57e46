import type { IntakeRejection } from '../controls/intakes/intake.ts';
import type { Ledger } from '../evidence/ledger.ts';

/** Unauthenticated refusals recorded one by one per intake before they are only counted. */
export const RECORDED_UNAUTHENTICATED = 20;

/**
 * Records every refusal of a sender that proved who it is, and the first few unauthenticated ones;
 * anyone on the machine can send the rest, so they are counted and summarised at close instead of
 * growing the ledger without limit.
 */
export function rejectionTally(ledger: Pick<Ledger, 'append'>) {
  const unauthenticated = new Map<string, { count: number; firstAt: number; lastAt: number }>();
  return {
    reject(rejection: IntakeRejection): void {
      if (rejection.status === 401) {
        const tally = unauthenticated.get(rejection.intake) ?? {
          count: 0,
          firstAt: rejection.receivedAt,
          lastAt: rejection.receivedAt,
        };
        tally.count += 1;
        tally.lastAt = rejection.receivedAt;
        unauthenticated.set(rejection.intake, tally);
        if (tally.count > RECORDED_UNAUTHENTICATED) return;
      }
      ledger.append({
        kind: 'intake.rejected',
        at: rejection.receivedAt,
        intake: rejection.intake,
        status: rejection.status,
        reason: rejection.reason,
      });
    },
    summarise(now: number): void {
      for (const [intake, tally] of unauthenticated) {
        ledger.append({
          kind: 'intake.rejections',
          at: now,
          intake,
          status: 401,
          count: tally.count,
          recorded: Math.min(tally.count, RECORDED_UNAUTHENTICATED),
          firstAt: tally.firstAt,
          lastAt: tally.lastAt,
        });
      }
    },
  };
}
