import type { Plan } from '../run/plan.ts';
import type { Verdict } from '../run/verdict.ts';
import { boardRows } from './board.ts';
import type { BoardRow } from './types.ts';

/**
 * The expectations board while the drill runs: provisional verdicts judged as things stand (from
 * the live run's judge), cached per session version, and the final verdicts once the run is judged.
 */
export class LiveBoard {
  readonly #plan: Plan;
  readonly #landed: (injectId: string) => boolean;
  #judgeNow: (() => Verdict[]) | undefined;
  #awaitingReads: ((injectId: string) => boolean) | undefined;
  #cached: { version: number; rows: BoardRow[] } | undefined;

  constructor(plan: Plan, landed: (injectId: string) => boolean) {
    this.#plan = plan;
    this.#landed = landed;
  }

  /** The live run hands over its judge once its controls are listening. */
  live(judgeNow: () => Verdict[], awaitingReads: (injectId: string) => boolean): void {
    this.#judgeNow = judgeNow;
    this.#awaitingReads = awaitingReads;
  }

  rows(state: { version: number; running: boolean; now: number; final: Verdict[] | undefined }): BoardRow[] {
    if (this.#cached?.version === state.version) return this.#cached.rows;
    // Judging as things stand costs real work; do it when the runner is not mid-stretch.
    if (this.#cached && state.running) return this.#cached.rows;
    const verdicts = state.final ?? this.#judgeNow?.() ?? [];
    const rows = boardRows(
      this.#plan.expectations,
      verdicts,
      state.now,
      {
        landed: this.#landed,
        awaitingReads: (injectId) => this.#awaitingReads?.(injectId) ?? false,
      },
      state.final !== undefined,
    );
    this.#cached = { version: state.version, rows };
    return rows;
  }
}
