import { VirtualClock, wallClockIso } from '../clock/clock.ts';
import type { Timers } from '../clock/timers.ts';
import type { LedgerEntry, LedgerEntryInput, LedgerKind, VerdictCounts } from '../evidence/entries.ts';
import { Ledger } from '../evidence/ledger.ts';
import type { Registry } from '../registry.ts';
import { type Plan, planScenario } from '../run/plan.ts';
import { recordRunStart } from '../run/run-record.ts';
import type { Verdict } from '../run/verdict.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Rating } from './capabilities.ts';
import { type ClosedDrill, closeTabletop } from './close.ts';
import { FacilitatorGate } from './gate.ts';
import { LiveBoard } from './live-board.ts';
import { Pacer } from './pacer.ts';
import { TabletopRecord } from './record.ts';
import { runHeld } from './run-held.ts';
import { actionEntry, decisionEntry, hotwashEntry, ratingEntry, type TableEntry } from './table-entries.ts';
import type {
  BoardRow,
  ImprovementAction,
  Pacing,
  Participant,
  TabletopControls,
  TabletopPhase,
  TabletopView,
} from './types.ts';
import { buildView } from './view.ts';

export interface TabletopOptions {
  scenario: Scenario;
  scenarioFile: string;
  scenarioText: string;
  registry: Registry;
  /** The run folder: ledger, telemetry, reports and the AAR/IP. */
  folder: string;
  participants: readonly Participant[];
  pacing: Pacing;
  /** Wall timers for playing the clock (injected so tests drive them). */
  timers: Timers;
  env?: Readonly<Record<string, string | undefined>>;
}

/** A verified ledger to pick the session up from (see resume.ts). */
export interface ResumePoint {
  entries: readonly LedgerEntry[];
  finalHash: string;
}

/** Entries the session writes itself; everything else the run regenerates on resume. */
export function writtenBySession(kind: LedgerKind): boolean {
  return kind.startsWith('tabletop.') || kind === 'manual.confirmed';
}

/**
 * One tabletop drill: the same executePlan as `phi-drill run`, held at the facilitator's horizon by
 * a gate, with everything the table does appended to the run's ledger as it happens. The view is a
 * fold over the ledger, so a resumed session shows exactly what the interrupted one recorded.
 */
export class TabletopSession implements TabletopControls {
  readonly #options: TabletopOptions;
  readonly #plan: Plan;
  readonly #clock: VirtualClock;
  readonly #ledger: Ledger;
  readonly #gate: FacilitatorGate;
  readonly #record: TabletopRecord;
  readonly #listeners = new Set<() => void>();
  #phase: TabletopPhase = 'running';
  readonly #pacer: Pacer;
  #verdicts: Verdict[] | undefined;
  #counts: VerdictCounts | undefined;
  readonly #board: LiveBoard;
  #version = 0;
  #problem: string | undefined;
  /** Why the run itself stopped, if it did: stays on screen, unlike a rejected command. */
  #failure: string | undefined;
  /** Set once close starts, so a second close waits for the first instead of writing again. */
  #closing: Promise<ClosedDrill> | undefined;
  #closed: ClosedDrill | undefined;

  private constructor(options: TabletopOptions, resume?: ResumePoint) {
    this.#options = options;
    const { scenario, registry } = options;
    this.#plan = planScenario(scenario, { controlIds: [...registry.controls.keys()] });
    this.#clock = new VirtualClock(this.#plan.start);
    this.#record = new TabletopRecord(this.#plan, scenario);
    this.#board = new LiveBoard(this.#plan, (injectId) => this.#record.landed(injectId));
    this.#ledger = resume
      ? Ledger.resume(options.folder, resume, (kind) => !writtenBySession(kind))
      : Ledger.open(options.folder);
    for (const entry of resume?.entries ?? []) this.#record.absorb(entry);
    this.#ledger.onAppend((entry) => {
      this.#record.absorb(entry);
      this.#changed();
    });
    this.#gate = new FacilitatorGate(this.#resumeHorizon(resume), () => {
      this.#phase = 'waiting';
      this.#changed();
    });
    this.#pacer = new Pacer({
      rate: options.pacing.rate,
      timers: options.timers,
      injectTimes: this.#plan.injects.map((inject) => inject.at),
      end: this.#plan.end,
      horizon: () => this.#gate.horizon,
      move: (to) => this.#release(to),
      stopped: (to) => this.#append({ kind: 'tabletop.clock', at: this.#clock.now(), action: 'pause', to }),
    });
    recordRunStart(this.#ledger, this.#plan, {
      scenarioFile: options.scenarioFile,
      scenarioText: options.scenarioText,
      clock: 'virtual',
      now: this.#clock.now(),
    });
  }

  /** Opens a new session in `folder` (which must not hold a ledger) and starts the steady state. */
  static start(options: TabletopOptions): TabletopSession {
    const session = new TabletopSession(options);
    session.#append({
      kind: 'tabletop.started',
      at: session.#clock.now(),
      participants: options.participants.map(({ name, role }) => ({ name, role })),
      pacing: options.pacing.id,
      wallClock: wallClockIso(),
    });
    session.#run('create');
    return session;
  }

  /**
   * Picks an interrupted session up from its verified ledger: the run replays (deterministically,
   * checked entry by entry against the ledger) to where the table had got, then waits, paused.
   */
  static resume(options: TabletopOptions, point: ResumePoint): TabletopSession {
    const session = new TabletopSession(options, point);
    session.#run('replace');
    session.#append({
      kind: 'tabletop.resumed',
      at: session.#gate.horizon,
      entries: point.entries.length,
      wallClock: wallClockIso(),
    });
    return session;
  }

  /** Resolves once the runner has caught up with the horizon (or finished). For scripts and tests. */
  settled(): Promise<void> {
    if (this.#phase !== 'running') return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.subscribe(() => {
        if (this.#phase === 'running') return;
        stop();
        resolve();
      });
    });
  }

  view(): TabletopView {
    return buildView({
      folder: this.#options.folder,
      scenario: this.#options.scenario,
      plan: this.#plan,
      record: this.#record,
      pacing: this.#options.pacing,
      phase: this.#phase,
      playing: this.#pacer.playing,
      now: this.#clock.now(),
      horizon: this.#gate.horizon,
      board: this.#currentBoard(),
      verdicts: this.#verdicts,
      counts: this.#counts,
      today: wallClockIso().slice(0, 10),
      afterActionReport: this.#closed?.afterActionReport,
      printed: this.#closed?.printed,
      problem: this.#problem ?? this.#failure,
    });
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  play(): void {
    if (!this.#canMoveClock()) return;
    if (this.#options.pacing.rate === 0) {
      this.#fail('the pacing is facilitator-paced: n advances to the next inject, j jumps');
      return;
    }
    if (this.#pacer.playing) return;
    this.#pacer.play();
    this.#append({ kind: 'tabletop.clock', at: this.#clock.now(), action: 'play' });
  }

  pause(): void {
    if (!this.#pacer.playing) return;
    this.#pacer.stop();
    this.#append({ kind: 'tabletop.clock', at: this.#clock.now(), action: 'pause' });
  }

  advanceToNextInject(): void {
    if (!this.#canMoveClock()) return;
    const next = this.#plan.injects.find((inject) => inject.at > this.#gate.horizon);
    if (!next) {
      this.#fail('no injects left: j jumps by a duration, e runs to the end');
      return;
    }
    this.#moveClock('advance', next.at);
  }

  jump(ms: number): void {
    if (!this.#canMoveClock()) return;
    if (!(ms > 0)) {
      this.#fail('jump by a positive duration (30m, 2h, 60d)');
      return;
    }
    this.#moveClock('jump', Math.min(this.#plan.end, this.#gate.horizon + ms));
  }

  confirm(expectationId: string, by: string, at = this.#clock.now(), note?: string): void {
    const problem = this.#record.confirmationProblem(expectationId, at, this.#clock.now());
    if (problem ?? this.#judgedProblem()) {
      this.#fail(problem ?? this.#judgedProblem()!);
      return;
    }
    this.#append({
      kind: 'manual.confirmed',
      at: this.#clock.now(),
      expectationId,
      by,
      confirmedAt: at,
      ...(note ? { note } : {}),
    });
  }

  decide(decision: { by: string; role: string; text: string; module?: string }): void {
    this.#take(decisionEntry(this.#clock.now(), decision));
  }

  hotwash(item: { category: 'strength' | 'improvement' | 'note'; text: string; by?: string }): void {
    this.#take(hotwashEntry(this.#clock.now(), item));
  }

  addAction(action: ImprovementAction): void {
    this.#take(actionEntry(this.#clock.now(), action));
  }

  rate(type: Verdict['type'], rating: Rating): void {
    this.#take(
      ratingEntry(this.#clock.now(), type, rating, {
        judged: this.#verdicts !== undefined,
        exercised: (capability) => this.view().ratings.some((row) => row.type === capability),
      }),
    );
  }

  close(): Promise<ClosedDrill> {
    if (this.#closing) return this.#closing;
    if (this.#phase !== 'judged' || !this.#verdicts) {
      return Promise.reject(
        new Error('the drill is still running: run the clock to the end (e) before closing'),
      );
    }
    this.#closing = closeTabletop({
      ledger: this.#ledger,
      view: this.view(),
      verdicts: this.#verdicts,
      now: this.#clock.now(),
      env: this.#options.env,
    }).then(
      (closed) => {
        this.#closed = closed;
        this.#phase = 'closed';
        this.#changed();
        return closed;
      },
      (error: unknown) => {
        // A close that failed (a full disk, say) may be tried again; the ledger refuses what it can no longer take.
        this.#closing = undefined;
        throw error;
      },
    );
    return this.#closing;
  }

  /** Stops the play timer; the ledger stays as it is (resume picks it up). */
  dispose(): void {
    this.#pacer.stop();
  }

  #run(telemetry: 'create' | 'replace'): void {
    void runHeld({
      plan: this.#plan,
      registry: this.#options.registry,
      folder: this.#options.folder,
      clock: this.#clock,
      ledger: this.#ledger,
      gate: this.#gate,
      confirmations: this.#record.confirmations,
      telemetry,
      onLive: (judgeNow, awaitingReads) => this.#board.live(judgeNow, awaitingReads),
    }).then(({ verdicts, counts, failure }) => {
      this.#verdicts = verdicts;
      this.#counts = counts;
      this.#failure = failure;
      this.#pacer.stop();
      this.#phase = 'judged';
      this.#changed();
    });
  }

  #moveClock(action: 'advance' | 'jump', to: number): void {
    this.#append({ kind: 'tabletop.clock', at: this.#clock.now(), action, to });
    this.#release(to);
  }

  /** The runner may go on to `to`: it is running again until it catches up. */
  #release(to: number): void {
    this.#phase = 'running';
    this.#gate.allow(to);
    this.#changed();
  }

  #canMoveClock(): boolean {
    const problem = this.#judgedProblem();
    if (problem) this.#fail(problem);
    return problem === undefined;
  }

  #judgedProblem(): string | undefined {
    if (this.#phase === 'judged' || this.#phase === 'closed')
      return 'the drill is over: h goes to the hot wash';
    return undefined;
  }

  #currentBoard(): BoardRow[] {
    return this.#board.rows({
      version: this.#version,
      running: this.#phase === 'running',
      now: this.#clock.now(),
      final: this.#verdicts,
    });
  }

  /** The clock a resumed session waits at: as far as the table had got, never before the exercise starts. */
  #resumeHorizon(resume?: ResumePoint): number {
    const reached = Math.max(this.#plan.t0, ...(resume?.entries ?? []).map((entry) => entry.at));
    return Math.min(reached, this.#plan.end);
  }

  #append(entry: LedgerEntryInput): void {
    this.#problem = undefined;
    this.#ledger.append(entry);
  }

  #take(checked: TableEntry): void {
    if (checked.problem !== undefined) this.#fail(checked.problem);
    else this.#append(checked.entry);
  }

  #fail(problem: string): void {
    this.#problem = problem;
    this.#changed();
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }
}
