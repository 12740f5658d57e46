import { Agenda } from '../clock/agenda.ts';
import type { Clock } from '../clock/clock.ts';
import type { Signal } from '../controls/signal.ts';
import { scheduleBackground } from '../estate/background/traffic.ts';
import { REQUEST_ID_HEADER } from '../estate/caller.ts';
import { ESTATE_ORIGIN } from '../estate/dispatch.ts';
import { createEstate, type Estate } from '../estate/estate.ts';
import type { JsonValue } from '../evidence/entries.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { AppliedInject, InjectContext } from '../inject/define.ts';
import type { Registry } from '../registry.ts';
import { TelemetryBus } from '../telemetry/bus.ts';
import { startControls } from './controls-runtime.ts';
import { judge } from './judge/index.ts';
import type { Access, Observations } from './observations.ts';
import type { Plan } from './plan.ts';
import type { TelemetryFile } from './telemetry-file.ts';
import type { Verdict } from './verdict.ts';

export interface ExecuteOptions {
  registry: Registry;
  clock: Clock;
  ledger: Ledger;
  telemetry: TelemetryFile;
  /** Manual confirmations supplied up front (`--confirm id@30m`): offset from the inject, who. */
  confirmations?: ReadonlyMap<string, { offsetMs: number; by: string }>;
  /** Called with each signal as it is raised, for live progress. */
  onSignal?(signal: Signal): void;
}

export interface ExecuteResult {
  verdicts: Verdict[];
  signals: readonly Signal[];
  falsePositives: Signal[];
  estate: Estate;
}

/**
 * Executes a plan: builds the estate, runs the steady state with controls listening, lands each
 * inject on the clock, watches containment probes, reverts every inject (reverse order, always),
 * then judges each expectation. Every step goes into the ledger as it happens.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ExecuteResult> {
  const { clock, ledger, registry } = options;
  // A control that fails on every event would otherwise fsync thousands of identical entries.
  const lastError = new Map<string, string>();
  const controlErrors = (controlId: string, error: unknown) => {
    const message = describe(error);
    if (lastError.get(controlId) === message) return;
    lastError.set(controlId, message);
    ledger.append({ kind: 'control.error', at: clock.now(), controlId, error: message });
  };
  const bus = new TelemetryBus(clock, (error) => controlErrors('telemetry-sink', error));
  const estate = createEstate({
    clock,
    bus,
    seed: plan.seed,
    patients: plan.patients,
    timezone: plan.timezone,
  });
  const runtime = startControls(
    [...registry.controls.values()],
    new Set(plan.controls.enabled),
    estate,
    clock,
    {
      onSignal(signal) {
        ledger.append({ kind: 'signal', at: signal.time, signal });
        options.onSignal?.(signal);
      },
      onError: controlErrors,
    },
  );
  bus.subscribe((event) => options.telemetry.write(event));
  bus.subscribe((event) => runtime.onEvent(event));

  const agenda = new Agenda();
  scheduleBackground(estate, agenda, {
    from: plan.start,
    until: plan.activeUntil,
    level: plan.background,
    seed: plan.seed,
  });
  const scanEvery = Math.min(
    ...[...registry.controls.values()].map((control) => control.scanEveryMs ?? Number.POSITIVE_INFINITY),
  );
  if (Number.isFinite(scanEvery)) {
    for (let at = plan.start + scanEvery; at <= plan.activeUntil; at += scanEvery) {
      agenda.at(at, 'control scans', () => runtime.scan(at));
    }
  }

  const applied: Array<{ id: string; inject: AppliedInject }> = [];
  const injectedAt = new Map<string, number>();
  const failures = new Map<string, string>();
  const accesses = new Map<string, Access[]>();
  const contained = new Map<string, number>();
  const exposedPatients = new Map<string, Set<string>>();

  for (const planned of plan.injects) {
    agenda.at(planned.at, `inject ${planned.id}`, async () => {
      const definition = registry.injectors.get(planned.injector)!;
      const made: Access[] = [];
      accesses.set(planned.id, made);
      const exposed = new Set<string>();
      exposedPatients.set(planned.id, exposed);
      const context: InjectContext = {
        estate,
        clock,
        injectId: planned.id,
        correlationId: planned.correlationId,
        async fetch(input, init) {
          const response = await estate.fetch(input, init);
          const request = new Request(
            new URL(String(input instanceof Request ? input.url : input), ESTATE_ORIGIN),
            init,
          );
          made.push({
            requestId: response.headers.get(REQUEST_ID_HEADER) ?? '',
            time: clock.now(),
            method: input instanceof Request ? input.method : request.method,
            status: response.status,
            path: new URL(request.url).pathname,
          });
          return response;
        },
        later(delayMs, label, step) {
          agenda.at(clock.now() + delayMs, label, async () => {
            try {
              await step();
            } catch (error) {
              ledger.append({
                kind: 'inject.failed',
                at: clock.now(),
                injectId: planned.id,
                error: describe(error),
              });
            }
          });
        },
        exposed(patientIds) {
          for (const id of patientIds) exposed.add(id);
        },
      };
      try {
        const params = definition.params.parse(planned.params);
        const inject = await definition.apply(context, params as never);
        applied.push({ id: planned.id, inject });
        injectedAt.set(planned.id, planned.at);
        ledger.append({
          kind: 'inject.applied',
          at: clock.now(),
          injectId: planned.id,
          injector: planned.injector,
          correlationId: planned.correlationId,
          params: planned.params as JsonValue,
        });
      } catch (error) {
        failures.set(planned.id, describe(error));
        ledger.append({
          kind: 'inject.failed',
          at: clock.now(),
          injectId: planned.id,
          error: describe(error),
        });
      }
    });
  }

  const watchProbes = () => {
    for (const { id, inject } of applied) {
      for (const [condition, probe] of Object.entries(inject.probes)) {
        const key = `${id}:${condition}`;
        if (contained.has(key) || !safeProbe(probe)) continue;
        contained.set(key, clock.now());
        ledger.append({
          kind: 'containment',
          at: clock.now(),
          injectId: id,
          condition,
          observedAt: clock.now(),
        });
      }
    }
  };
  let falsePositives: Signal[] = [];
  try {
    await runWatching(agenda, clock, plan.t0, watchProbes);
    falsePositives = [...runtime.signals];
    ledger.append({
      kind: 'steady-state',
      at: clock.now(),
      from: plan.start,
      to: plan.t0,
      events: bus.count,
      falsePositives,
    });
    await runWatching(agenda, clock, plan.end, watchProbes);
  } finally {
    for (const { id, inject } of [...applied].reverse()) {
      try {
        await inject.revert();
        ledger.append({ kind: 'inject.reverted', at: clock.now(), injectId: id });
      } catch (error) {
        ledger.append({ kind: 'revert.failed', at: clock.now(), injectId: id, error: describe(error) });
      }
    }
  }

  const tasks = estate.notificationTasks();
  for (const task of tasks) {
    ledger.append({
      kind: 'notification.task',
      at: task.openedAt,
      taskId: task.id,
      injectId: plan.injects.find((inject) => inject.at <= task.openedAt)?.id ?? '',
      discoveredAt: task.discoveredAt,
      dueAt: task.dueAt,
      legalBasis: task.legalBasis,
      openedBy: task.openedBy,
    });
  }
  const confirmations = options.confirmations ?? new Map();
  const observations: Observations = {
    signals: runtime.signals,
    injectedAt: (id) => injectedAt.get(id),
    injectFailure: (id) => failures.get(id),
    correlationId: (id) => plan.injects.find((inject) => inject.id === id)?.correlationId ?? '',
    containedAt: (id, condition) => contained.get(`${id}:${condition}`),
    accesses: (id) => accesses.get(id) ?? [],
    trailScope: (trail) => registry.trails.get(trail)?.scope ?? '/',
    trailRecord: (trail, requestId) => registry.trails.get(trail)?.find(estate, requestId),
    notificationTasks: tasks,
    confirmation(expectationId) {
      const given = confirmations.get(expectationId);
      const expectation = plan.expectations.find((e) => e.id === expectationId);
      return given && expectation ? { at: expectation.opensAt + given.offsetMs, by: given.by } : undefined;
    },
    unattended: confirmations.size === 0,
  };
  for (const [expectationId, given] of confirmations) {
    const expectation = plan.expectations.find((e) => e.id === expectationId);
    if (!expectation) continue;
    ledger.append({
      kind: 'manual.confirmed',
      at: clock.now(),
      expectationId,
      by: given.by,
      confirmedAt: expectation.opensAt + given.offsetMs,
    });
  }
  const verdicts = plan.expectations.map((expectation) => judge(expectation, observations));
  return { verdicts, signals: runtime.signals, falsePositives, estate };
}

/** Runs the agenda to `until` one item at a time, checking containment probes after every step. */
async function runWatching(agenda: Agenda, clock: Clock, until: number, watch: () => void): Promise<void> {
  while (await agenda.runNext(clock, until)) watch();
  await clock.sleepUntil(until);
}

function safeProbe(probe: () => boolean): boolean {
  try {
    return probe();
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
