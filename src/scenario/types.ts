import type { IncidentFacts, ObligationKind } from '../breach/types.ts';
import type { BusinessAssociate } from '../estate/egress/business-associates.ts';
import type { InfraSection } from '../infra/infra-section.ts';
import type { Monitoring } from '../telemetry/delivery/monitoring.ts';

/**
 * The parsed form of a scenario file, as the planner and runner consume it.
 *
 * Durations keep both forms: the text as written (`at: '18h'`) for messages and reports, and the
 * parsed milliseconds in a sibling `…Ms` field (`atMs: 64800000`), which is what code should use.
 */

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ScenarioSeverity = (typeof SEVERITIES)[number];

export const BACKGROUND_LEVELS = ['off', 'light', 'normal', 'heavy'] as const;
export type BackgroundLevel = (typeof BACKGROUND_LEVELS)[number];

export const EXPECTATION_TYPES = ['detect', 'log', 'contain', 'notify', 'manual'] as const;
export type ScenarioExpectationType = (typeof EXPECTATION_TYPES)[number];

export interface ScenarioEstate {
  patients: number;
  seed: number;
  /** Virtual clock start, epoch milliseconds. */
  start: number;
  /** `start` as written, ISO-8601 with its offset. */
  startText: string;
  /** IANA zone used for local-time reasoning (off-hours, business days). */
  timezone: string;
  /** Background-only period before T0. */
  steadyState: string;
  steadyStateMs: number;
  /** The organisation's BAA register, when the scenario declares one. */
  businessAssociates?: BusinessAssociate[];
}

export interface ScenarioInject {
  id: string;
  /** Offset from T0 (= estate.start + steadyStateMs). */
  at: string;
  atMs: number;
  injector: string;
  /** Already validated (and defaulted) by the injector's own params schema. */
  params: Record<string, unknown>;
  /** What a tabletop reads to the table when it lands, and the response it expects. */
  msel?: MselEntry;
}

/** HSEEP master scenario events list entry for one inject. */
export interface MselEntry {
  /** Simulated originator. */
  from: string;
  /** Receiving player. */
  to: string;
  message: string;
  expectedAction: string;
}

/** Matching fails closed: at least one of control, rule or correlation is always present. */
export interface MatchSelector {
  control?: string;
  rule?: string;
  correlation?: string;
  minSeverity?: ScenarioSeverity;
}

interface ExpectationBase {
  id: string;
  /** Id of the inject whose landing starts the window. */
  inject: string;
  within: string;
  withinMs: number;
}

export interface DetectExpectation extends ExpectationBase {
  type: 'detect';
  match: MatchSelector;
}

export interface LogExpectation extends ExpectationBase {
  type: 'log';
  trail: string;
  fields: string[];
  /** When the investigation pulls the records, after the inject; records past their retention by then are gone. */
  investigateAfterMs?: number;
}

export interface ContainExpectation extends ExpectationBase {
  type: 'contain';
  condition: string;
}

/** A notification task must be opened within the window, due no later than discovery + deadline. */
export interface NotifyExpectation extends ExpectationBase {
  type: 'notify';
  deadline: string;
  deadlineMs: number;
  /** Obligations to judge one by one (deadline, content, recipients); absent: only the task or first notice. */
  obligations?: ObligationKind[];
}

export interface ManualExpectation extends ExpectationBase {
  type: 'manual';
  prompt: string;
}

export type ScenarioExpectation =
  | DetectExpectation
  | LogExpectation
  | ContainExpectation
  | NotifyExpectation
  | ManualExpectation;

export interface ScenarioPrompt {
  module: string;
  question: string;
  expected: string;
}

export interface Scenario {
  id: string;
  title: string;
  summary: string;
  severity: ScenarioSeverity;
  /** 45 CFR citations, e.g. `164.312(b)`. */
  hipaa: string[];
  /** MITRE ATT&CK technique ids. */
  attack: string[];
  estate: ScenarioEstate;
  background: BackgroundLevel;
  injects: ScenarioInject[];
  expectations: ScenarioExpectation[];
  prompts: ScenarioPrompt[];
  /** What the organisation collects and how: when each control and investigation can see an event. */
  monitoring: Monitoring;
  /** Facts of the breach assessment the run cannot measure (PHI types, encryption, mitigation). */
  breach?: ScenarioBreach;
  /** Where the data plane lives unless `--infra` or the target file says otherwise. */
  infra?: InfraSection;
}

/** What the run cannot measure about a breach, as the assessment needs it; the run adds who and when. */
export interface ScenarioBreach
  extends Pick<
    IncidentFacts,
    | 'phiTypes'
    | 'recipient'
    | 'acquiredOrViewed'
    | 'encrypted'
    | 'keyCompromised'
    | 'destroyed'
    | 'mitigation'
    | 'urgent'
  > {
  /** When the organisation's workflow sends its notices after discovery (duration text). */
  noticesAfter: string;
}
