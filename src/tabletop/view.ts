import { SIMULATED_ORGANISATION } from '../breach/policy.ts';
import type { VerdictCounts } from '../evidence/entries.ts';
import type { Plan } from '../run/plan.ts';
import type { Verdict } from '../run/verdict.ts';
import type { Scenario } from '../scenario/types.ts';
import { deadlineRows } from './board.ts';
import { capabilityRatings } from './capabilities.ts';
import type { TabletopRecord } from './record.ts';
import { suggestedActions } from './suggest.ts';
import type { BoardRow, Pacing, Printed, TabletopPhase, TabletopView } from './types.ts';

export interface ViewParts {
  folder: string;
  scenario: Scenario;
  plan: Plan;
  record: TabletopRecord;
  pacing: Pacing;
  phase: TabletopPhase;
  playing: boolean;
  now: number;
  horizon: number;
  board: BoardRow[];
  /** Final verdicts and their tally, once judged. */
  verdicts?: readonly Verdict[];
  counts?: VerdictCounts;
  /** Civil date today (wall clock): improvement actions fall due from it. */
  today: string;
  afterActionReport?: string;
  printed?: Printed;
  problem?: string;
}

/** Assembles the snapshot the screens render from the session's parts. */
export function buildView(parts: ViewParts): TabletopView {
  const { scenario, plan, record, board, verdicts } = parts;
  return {
    folder: parts.folder,
    scenario: {
      id: scenario.id,
      title: scenario.title,
      summary: scenario.summary,
      severity: scenario.severity,
      hipaa: scenario.hipaa,
      attack: scenario.attack,
      timezone: plan.timezone,
      patients: plan.patients,
    },
    organisation: `${SIMULATED_ORGANISATION.name} (simulated; synthetic patients only)`,
    participants: record.participants,
    pacing: parts.pacing,
    phase: parts.phase,
    playing: parts.playing,
    now: parts.now,
    t0: plan.t0,
    end: plan.end,
    horizon: parts.horizon,
    injects: record.injects,
    feed: record.feed,
    board,
    deadlines: deadlineRows(board, plan.timezone),
    modules: record.modules,
    prompts: scenario.prompts,
    decisions: record.decisions,
    hotwash: record.hotwash,
    actions: record.actions,
    ratings: verdicts ? capabilityRatings(verdicts, record.ratings) : [],
    suggestedActions: verdicts
      ? suggestedActions(verdicts, record.hotwash, record.participants, parts.today)
      : [],
    counts: parts.counts,
    afterActionReport: parts.afterActionReport,
    printed: parts.printed,
    problem: parts.problem,
  };
}
