import type { Verdict, VerdictStatus } from '../run/verdict.ts';
import type { MselEntry } from '../scenario/types.ts';
import type { DeliveryNote } from '../telemetry/delivery/delivery-note.ts';
import type { Rating } from './capabilities.ts';

/** Roles a tabletop table usually seats (HSEEP: players plus a facilitator); free text is allowed too. */
export const ROLES = [
  'facilitator',
  'IR lead',
  'privacy officer',
  'security analyst',
  'CRM admin',
  'EHR analyst',
  'integration owner',
  'legal counsel',
  'communications',
  'executive sponsor',
] as const;

export interface Participant {
  name: string;
  role: string;
}

/** How the drill clock moves while playing; `manual` never plays (advance and jump only). */
export interface Pacing {
  id: string;
  label: string;
  /** Drill milliseconds per real second while playing; 0 for manual. */
  rate: number;
}

export const PACINGS: readonly Pacing[] = [
  { id: 'manual', label: 'facilitator-paced (advance and jump only)', rate: 0 },
  { id: 'x60', label: '1 drill minute per second', rate: 60_000 },
  { id: 'x600', label: '10 drill minutes per second', rate: 600_000 },
  { id: 'x3600', label: '1 drill hour per second', rate: 3_600_000 },
];

/** Where the session is: the runner busy, waiting on the facilitator, judged (hot wash next), or closed. */
export type TabletopPhase = 'running' | 'waiting' | 'judged' | 'closed';

export interface FeedItem {
  /** Ledger seq: stable React key, and what the item cites as evidence. */
  seq: number;
  /** Drill time (epoch ms on the run clock). */
  at: number;
  tone:
    | 'inject'
    | 'signal'
    | 'containment'
    | 'notice'
    | 'decision'
    | 'confirmation'
    | 'clock'
    | 'problem'
    | 'info';
  text: string;
}

/** Live status of one expectation (or one notification obligation). */
export type BoardStatus = 'waiting' | 'open' | 'overdue' | VerdictStatus;

export interface BoardRow {
  /** Expectation id (`notify-individuals:individual` for one obligation). */
  id: string;
  type: 'detect' | 'log' | 'contain' | 'notify' | 'manual';
  inject: string;
  status: BoardStatus;
  /** When the window closes (drill time); undefined until its inject lands. */
  closesAt?: number;
  /** Measured latency when met or late. */
  latencyMs?: number;
  /** Notify obligations: the legal due time, with the jurisdiction's UTC offset. */
  deadline?: string;
  /** For manual expectations: what a person confirms. */
  prompt?: string;
  detail: string;
  /** Detect and log rows: when the deciding record was generated and published, apart from the alert. */
  delivery?: DeliveryNote;
}

/** One notification deadline from the breach clock. */
export interface DeadlineRow {
  id: string;
  label: string;
  dueAt: number;
  /** The due date as the law counts it: in the jurisdiction's zone (or the organisation's, for a task). */
  dueDate: string;
  /** The notice went out (on time or not). */
  sent: boolean;
  status: BoardStatus;
}

export interface Decision {
  seq: number;
  at: number;
  by: string;
  role: string;
  text: string;
  module?: string;
}

export interface HotwashItem {
  seq: number;
  category: 'strength' | 'improvement' | 'note';
  text: string;
  by?: string;
}

/** One improvement-plan row (HSEEP AAR/IP matrix). */
export interface ImprovementAction {
  action: string;
  capability: string;
  owner: string;
  /** YYYY-MM-DD */
  due: string;
}

/** The AAR's paper copy, or why there is none (no Chromium, printing off, printing failed). */
export type Printed = { pdf: string } | { problem: string };

/** One capability's HSEEP rating: what the verdicts suggest, and the evaluator's, when given. */
export interface CapabilityRating {
  type: Verdict['type'];
  capability: string;
  /** The HSEEP / National Preparedness Goal core capability it falls under. */
  coreCapability: string;
  suggested?: Rating;
  rating?: Rating;
}

export interface PromptView {
  module: string;
  question: string;
  expected: string;
}

export interface InjectView {
  id: string;
  injector: string;
  at: number;
  status: 'pending' | 'applied' | 'failed';
  /** What the facilitator reads to the table when it lands, and the action the plan expects. */
  msel?: MselEntry;
}

/** Everything a screen needs, as one snapshot. Lists only ever grow (append-only), so rows can be memoised by seq. */
export interface TabletopView {
  folder: string;
  scenario: {
    id: string;
    title: string;
    summary: string;
    severity: string;
    hipaa: readonly string[];
    attack: readonly string[];
    timezone: string;
    patients: number;
  };
  organisation: string;
  participants: readonly Participant[];
  pacing: Pacing;
  phase: TabletopPhase;
  playing: boolean;
  /** Drill clock now, the start of the exercise (end of steady state), and when the run ends. */
  now: number;
  t0: number;
  end: number;
  /** How far the facilitator has let the clock run. */
  horizon: number;
  injects: readonly InjectView[];
  feed: readonly FeedItem[];
  board: readonly BoardRow[];
  deadlines: readonly DeadlineRow[];
  modules: readonly string[];
  prompts: readonly PromptView[];
  decisions: readonly Decision[];
  hotwash: readonly HotwashItem[];
  actions: readonly ImprovementAction[];
  /** Suggested improvement-plan rows from expectations missed or late (offered at close). */
  suggestedActions: readonly ImprovementAction[];
  /** Capabilities the drill exercised, rated (once judged). */
  ratings: readonly CapabilityRating[];
  /** Final counts once judged. */
  counts?: { met: number; late: number; missed: number; notApplicable: number };
  /** Written at close. */
  afterActionReport?: string;
  /** Written at close: the AAR's PDF, or why there is none. */
  printed?: Printed;
  /** Last problem a command hit (bad duration, unknown expectation), for the status line. */
  problem?: string;
}

/** What screens may ask of the session. Every call is recorded in the ledger as it happens. */
export interface TabletopControls {
  view(): TabletopView;
  /** Called after anything changes; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  play(): void;
  pause(): void;
  advanceToNextInject(): void;
  /** Jump the clock forward by `ms` of drill time (clamped to the end of the run). */
  jump(ms: number): void;
  /** A person confirms a manual expectation; `at` defaults to the drill clock now. */
  confirm(expectationId: string, by: string, at?: number, note?: string): void;
  decide(decision: { by: string; role: string; text: string; module?: string }): void;
  hotwash(item: { category: HotwashItem['category']; text: string; by?: string }): void;
  addAction(action: ImprovementAction): void;
  /** An evaluator rates a capability (HSEEP P/S/M/U), replacing what the verdicts suggest. Needs phase 'judged'. */
  rate(type: Verdict['type'], rating: Rating): void;
  /** Writes the AAR/IP beside the ledger, closes and signs the ledger, writes the reports. Needs phase 'judged'. */
  close(): Promise<{ afterActionReport: string; printed: Printed }>;
}
