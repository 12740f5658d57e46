import { type BreachPolicy, SIMULATED_ORGANISATION } from '../breach/policy.ts';
import { parseDuration } from '../clock/duration.ts';
import type { BusinessAssociate } from '../estate/egress/business-associates.ts';
import type { BackgroundLevel, Scenario, ScenarioExpectation } from '../scenario/types.ts';
import { longestDelivery, type Monitoring } from '../telemetry/delivery/monitoring.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface PlannedInject {
  id: string;
  injector: string;
  /** Run-clock epoch ms when it lands. */
  at: number;
  params: Record<string, unknown>;
  correlationId: string;
}

export type PlannedExpectation = ScenarioExpectation & {
  /** When the window opens (the inject lands) and closes, run-clock epoch ms. */
  opensAt: number;
  closesAt: number;
};

export interface Plan {
  scenarioId: string;
  title: string;
  seed: number;
  patients: number;
  timezone: string;
  background: BackgroundLevel;
  /** Background events happen this many times faster than their real rate (real-clock drills only). */
  backgroundScale?: number;
  /** Start of the steady state. */
  start: number;
  /** End of the steady state; inject offsets count from here. */
  t0: number;
  /** Background traffic and control scans run until here: every non-notify window plus a grace period to tell late from missed. */
  activeUntil: number;
  /** The clock runs (without traffic) until here, so the longest notification window can close. */
  end: number;
  injects: PlannedInject[];
  expectations: PlannedExpectation[];
  controls: { enabled: string[]; disabled: string[] };
  /** What the organisation collects and how (the scenario's, or an override such as a matrix column). */
  monitoring: Monitoring;
  /** The organisation's breach response, when the scenario gives the breach facts. */
  breach?: BreachPolicy;
  /** The organisation's BAA register, when the scenario declares one. */
  businessAssociates?: BusinessAssociate[];
}

export interface PlanOptions {
  /** Every registered control id, in registry order. */
  controlIds: readonly string[];
  disabledControls?: readonly string[];
  /** Overrides for the scenario's estate. */
  seed?: number;
  patients?: number;
  /** Replaces the scenario's monitoring. */
  monitoring?: Monitoring;
  /**
   * A random per-run component of every correlation id (recorded in the ledger with each applied
   * inject), so a stack that detects nothing cannot echo a guessed id and pass. Without it the id
   * is derived from the scenario, inject and seed (a reproducible tabletop).
   */
  correlationNonce?: string;
  /** Legal-clock seconds per drill second for the breach clock (see BreachPolicy.compression). */
  breachCompression?: number;
  /** Background traffic this many times its real rate (see Plan.backgroundScale). */
  backgroundScale?: number;
  /**
   * The run follows the wall clock. It then ends when the windows and their grace close, without
   * also waiting out the slowest source (a 15-minute audit poll would stretch a drill of 2-second
   * windows to a quarter of an hour): a record that source publishes later could only turn a missed
   * verdict into a late one.
   */
  realClock?: boolean;
}

/**
 * Turns a validated scenario into the timeline a run will follow. Pure: no I/O, no clock, so the
 * same scenario and options always give the same plan (and the plan is snapshot-tested).
 */
export function planScenario(scenario: Scenario, options: PlanOptions): Plan {
  const seed = options.seed ?? scenario.estate.seed;
  const start = scenario.estate.start;
  const t0 = start + scenario.estate.steadyStateMs;
  const injects = scenario.injects.map<PlannedInject>((inject) => ({
    id: inject.id,
    injector: inject.injector,
    at: t0 + inject.atMs,
    params: inject.params,
    correlationId: `drill-${scenario.id}-${inject.id}-${options.correlationNonce ?? `s${seed}`}`,
  }));
  const injectAt = new Map(injects.map((inject) => [inject.id, inject.at]));
  const expectations = scenario.expectations.map<PlannedExpectation>((expectation) => {
    const opensAt = injectAt.get(expectation.inject)!;
    return { ...expectation, opensAt, closesAt: opensAt + expectation.withinMs };
  });
  const lastInject = Math.max(...injects.map((inject) => inject.at));
  const activeUntil = Math.max(
    lastInject,
    ...expectations.filter((e) => e.type !== 'notify').map((e) => e.closesAt + Math.min(e.withinMs, DAY)),
  );
  const monitoring = options.monitoring ?? scenario.monitoring;
  // Notification windows get as long again (virtual time is cheap) so a late notice is seen as late, not
  // missed; and a virtual clock runs on until the slowest source has published what the active period produced.
  const end = Math.max(
    activeUntil + (options.realClock ? 0 : longestDelivery(monitoring)),
    ...expectations.map((e) => e.closesAt + (e.type === 'notify' ? e.withinMs : 0)),
  );
  const disabled = options.controlIds.filter((id) => options.disabledControls?.includes(id));
  return {
    scenarioId: scenario.id,
    title: scenario.title,
    seed,
    patients: options.patients ?? scenario.estate.patients,
    timezone: scenario.estate.timezone,
    background: scenario.background,
    ...(options.backgroundScale !== undefined && options.backgroundScale !== 1
      ? { backgroundScale: options.backgroundScale }
      : {}),
    start,
    t0,
    activeUntil,
    end,
    injects: injects.sort((a, b) => a.at - b.at),
    expectations,
    monitoring,
    controls: { enabled: options.controlIds.filter((id) => !disabled.includes(id)), disabled },
    ...(scenario.estate.businessAssociates ? { businessAssociates: scenario.estate.businessAssociates } : {}),
    ...(scenario.breach
      ? {
          breach: {
            ...scenario.breach,
            noticesAfterMs:
              (parseDuration(scenario.breach.noticesAfter) ?? 0) / (options.breachCompression ?? 1),
            compression: options.breachCompression ?? 1,
            organisation: SIMULATED_ORGANISATION,
            entityZone: scenario.estate.timezone,
          },
        }
      : {}),
  };
}
