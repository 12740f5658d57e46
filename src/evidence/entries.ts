import type { BreachAssessment, PhiType } from '../breach/types.ts';
import type { Signal } from '../controls/signal.ts';
import type { Verdict, VerdictStatus } from '../run/verdict.ts';
import type { Monitoring } from '../telemetry/delivery/monitoring.ts';
import type {
  InfraCreatedEntry,
  InfraHoldEntry,
  InfraLostEntry,
  InfraRemovedEntry,
} from './entries-infra.ts';
import type {
  TabletopActionEntry,
  TabletopClockEntry,
  TabletopClosedEntry,
  TabletopDecisionEntry,
  TabletopHotwashEntry,
  TabletopRatingEntry,
  TabletopResumedEntry,
  TabletopStartedEntry,
} from './entries-tabletop.ts';
import type { LedgerWitnessedEntry } from './entries-witness.ts';

export type * from './entries-infra.ts';
export type * from './entries-tabletop.ts';
export type * from './entries-witness.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface EntryBase {
  /** Position in the ledger: 0, 1, 2 … */
  seq: number;
  /** Run-clock epoch milliseconds when the entry was appended. */
  at: number;
}

export interface RunStartedEntry extends EntryBase {
  kind: 'run.started';
  runId: string;
  scenarioId: string;
  title: string;
  scenarioFile: string;
  scenarioSha256: string;
  seed: number;
  patients: number;
  clock: 'virtual' | 'real';
  /** Run-clock epoch ms the run began at. */
  start: number;
  /** IANA zone the scenario is set in; reports still print UTC. */
  timezone: string;
  disabledControls: string[];
  toolVersion: string;
  /** Wall-clock ISO stamp, for "when was this written", never for judging. */
  wallClock: string;
}

export interface PlannedInject {
  id: string;
  injector: string;
  at: number;
  params: JsonValue;
}

export interface PlannedExpectation {
  id: string;
  type: Verdict['type'];
  inject: string;
  windowMs: number;
}

export interface PlanEntry extends EntryBase {
  kind: 'plan';
  injects: PlannedInject[];
  expectations: PlannedExpectation[];
  /** Enabled control ids. */
  controls: string[];
  /** What the organisation collected and how (decides when controls could see each event). */
  monitoring?: Monitoring;
}

export interface SteadyStateEntry extends EntryBase {
  kind: 'steady-state';
  from: number;
  to: number;
  /** Telemetry events seen in the window. */
  events: number;
  falsePositives: Signal[];
  /** Real-clock runs: the background level and how many times its real rate it ran at. */
  background?: { level: string; scale: number };
}

export interface InjectAppliedEntry extends EntryBase {
  kind: 'inject.applied';
  injectId: string;
  injector: string;
  correlationId: string;
  params: JsonValue;
}

/** A file an inject left as evidence (a browser screenshot, a HAR), written beside the ledger and pinned by hash. */
export interface ArtifactEntry extends EntryBase {
  kind: 'artifact';
  injectId: string;
  /** What it shows, for the report (`patient B opens lab results`). */
  label: string;
  /** Relative to the run folder. */
  file: string;
  sha256: string;
  mediaType: string;
}

export interface InjectFailedEntry extends EntryBase {
  kind: 'inject.failed';
  injectId: string;
  error: string;
}

export interface SignalEntry extends EntryBase {
  kind: 'signal';
  signal: Signal;
}

export interface ContainmentEntry extends EntryBase {
  kind: 'containment';
  injectId: string;
  condition: string;
  observedAt: number;
}

export interface ManualConfirmedEntry extends EntryBase {
  kind: 'manual.confirmed';
  expectationId: string;
  by: string;
  note?: string;
  confirmedAt: number;
}

export interface NotificationTaskEntry extends EntryBase {
  kind: 'notification.task';
  taskId: string;
  injectId: string;
  discoveredAt: number;
  dueAt: number;
  legalBasis: string;
  openedBy: string;
}

export interface ControlErrorEntry extends EntryBase {
  kind: 'control.error';
  controlId: string;
  error: string;
}

export interface InjectRevertedEntry extends EntryBase {
  kind: 'inject.reverted';
  injectId: string;
}

export interface RevertFailedEntry extends EntryBase {
  kind: 'revert.failed';
  injectId: string;
  error: string;
}

export interface VerdictEntry extends EntryBase {
  kind: 'verdict';
  verdict: Verdict;
}

export interface TelemetrySummaryEntry extends EntryBase {
  kind: 'telemetry.summary';
  events: number;
  /** File name relative to the run folder. */
  file: string;
  sha256: string;
  /** Event count per emitting system (`ehr`, `crm` …). */
  bySystem: Record<string, number>;
  /** The file is deleted when every expectation is met; its hash and counts stay here. */
  dropIfPassing?: true;
}

export interface VerdictCounts {
  met: number;
  late: number;
  missed: number;
  notApplicable: number;
}

export interface RunFinishedEntry extends EntryBase {
  kind: 'run.finished';
  counts: VerdictCounts;
  exitCode: number;
  wallClock: string;
  /** Wall milliseconds the run took. */
  wallMs: number;
}

/** Whose PHI an inject exposed, counted by state of residence (what breach notice rules key on). */
export interface ExposureEntry extends EntryBase {
  kind: 'exposure';
  injectId: string;
  individuals: number;
  byState: Record<string, number>;
}

/**
 * The breach assessment of 45 CFR 164.402 for what one inject exposed: the PHI types involved, each
 * of the four factors with its finding, and the conclusion, so reports can show why notice was or
 * was not owed without recomputing anything.
 */
export interface BreachAssessedEntry extends EntryBase {
  kind: 'breach.assessed';
  injectId: string;
  /** Individuals whose PHI the inject exposed. */
  individuals: number;
  phiTypes: PhiType[];
  outcome: BreachAssessment['outcome'];
  notifiable: boolean;
  factors: BreachAssessment['factors'];
  /** The provisions the conclusion rests on. */
  basis: string[];
}

/** A notice (e-mail) received from the organisation's own notification workflow. */
export interface NoticeReceivedEntry extends EntryBase {
  kind: 'notice.received';
  notice: {
    id: string;
    intake: string;
    receivedAt: number;
    from: string;
    to: string[];
    subject: string;
    text: string;
  };
}

/** A breach notice the simulated organisation's own workflow mailed (built-in runs). */
export interface NoticeSentEntry extends EntryBase {
  kind: 'notice.sent';
  /** Obligation id, e.g. `individual`, `media:CA`. */
  obligationId: string;
  /** Individuals the notice went to (individual and state-individual notices). */
  recipients: number;
  /** Messages mailed for it. */
  messages: number;
}

/** Something an intake refused, with the reason (bad signature, oversized, malformed). */
export interface IntakeRejectedEntry extends EntryBase {
  kind: 'intake.rejected';
  intake: string;
  status: number;
  reason: string;
}

/**
 * Unauthenticated deliveries to one intake beyond those recorded one by one: anyone can send them,
 * so they are counted, not each given an entry.
 */
export interface IntakeRejectionsEntry extends EntryBase {
  kind: 'intake.rejections';
  intake: string;
  status: number;
  /** Every refusal with this status. */
  count: number;
  /** How many of them have an intake.rejected entry of their own (the first ones). */
  recorded: number;
  firstAt: number;
  lastAt: number;
}

/** Alerts from the user's stack that no expectation asked for. */
export interface NoiseEntry extends EntryBase {
  kind: 'noise';
  signals: Array<{ signalId: string; reason: string }>;
}

/** How every telemetry record sent to one of the user's sinks fared. */
export interface SinkSummaryEntry extends EntryBase {
  kind: 'sink.summary';
  sink: string;
  encoder: string;
  /** Records the encoder produced for this sink. */
  records: number;
  sent: number;
  failed: number;
  dropped: number;
  retries: number;
}

export type LedgerEntry =
  | RunStartedEntry
  | PlanEntry
  | SteadyStateEntry
  | InjectAppliedEntry
  | InjectFailedEntry
  | ArtifactEntry
  | SignalEntry
  | ContainmentEntry
  | ManualConfirmedEntry
  | NotificationTaskEntry
  | ControlErrorEntry
  | InjectRevertedEntry
  | RevertFailedEntry
  | ExposureEntry
  | BreachAssessedEntry
  | NoticeReceivedEntry
  | NoticeSentEntry
  | IntakeRejectedEntry
  | IntakeRejectionsEntry
  | NoiseEntry
  | SinkSummaryEntry
  | LedgerWitnessedEntry
  | VerdictEntry
  | TelemetrySummaryEntry
  | RunFinishedEntry
  | TabletopStartedEntry
  | TabletopClockEntry
  | TabletopDecisionEntry
  | TabletopHotwashEntry
  | TabletopActionEntry
  | TabletopRatingEntry
  | TabletopResumedEntry
  | TabletopClosedEntry
  | InfraCreatedEntry
  | InfraRemovedEntry
  | InfraLostEntry
  | InfraHoldEntry;

export type LedgerKind = LedgerEntry['kind'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What callers append: the ledger assigns `seq` and the chain fields. */
export type LedgerEntryInput = DistributiveOmit<LedgerEntry, 'seq'>;

/** One line of ledger.jsonl: the entry plus its link to the previous line. */
export type LedgerRecord = LedgerEntry & { prev: string; hash: string };

const KINDS: Record<LedgerKind, true> = {
  'run.started': true,
  plan: true,
  'steady-state': true,
  'inject.applied': true,
  'inject.failed': true,
  artifact: true,
  signal: true,
  containment: true,
  'manual.confirmed': true,
  'notification.task': true,
  'control.error': true,
  'inject.reverted': true,
  'revert.failed': true,
  exposure: true,
  'breach.assessed': true,
  'notice.received': true,
  'notice.sent': true,
  'intake.rejected': true,
  'intake.rejections': true,
  noise: true,
  'sink.summary': true,
  'ledger.witnessed': true,
  verdict: true,
  'telemetry.summary': true,
  'run.finished': true,
  'tabletop.started': true,
  'tabletop.clock': true,
  'tabletop.decision': true,
  'tabletop.hotwash': true,
  'tabletop.action': true,
  'tabletop.rating': true,
  'tabletop.resumed': true,
  'tabletop.closed': true,
  'infra.created': true,
  'infra.removed': true,
  'infra.lost': true,
  'infra.hold': true,
};

export function isLedgerKind(kind: unknown): kind is LedgerKind {
  return typeof kind === 'string' && Object.hasOwn(KINDS, kind);
}

export function countVerdicts(statuses: Iterable<VerdictStatus>): VerdictCounts {
  const counts: VerdictCounts = { met: 0, late: 0, missed: 0, notApplicable: 0 };
  for (const status of statuses) {
    if (status === 'not-applicable') counts.notApplicable += 1;
    else counts[status] += 1;
  }
  return counts;
}
