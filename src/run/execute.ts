import type { BreachDesk } from '../breach/desk.ts';
import { Agenda } from '../clock/agenda.ts';
import type { Clock } from '../clock/clock.ts';
import type { Signal } from '../controls/signal.ts';
import { scheduleBackground } from '../estate/background/traffic.ts';
import { createEstate, type Estate } from '../estate/estate.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { RealDataPlane } from '../infra/data-plane.ts';
import type { Registry } from '../registry.ts';
import { TelemetryBus } from '../telemetry/bus.ts';
import { DeliveryModel } from '../telemetry/delivery/model.ts';
import { mainFeedOf } from '../telemetry/delivery/monitoring.ts';
import type { Attach, ReceivedNotice } from './attachment.ts';
import { breachObservations } from './breach-observations.ts';
import { startControls } from './controls-runtime.ts';
import type { Hold } from './hold.ts';
import { describe, InjectRunner } from './inject-runner.ts';
import { judgeAll } from './judge/index.ts';
import { recordNoise } from './noise.ts';
import type { Observations } from './observations.ts';
import type { Plan } from './plan.ts';
import { recordBreachAssessments } from './record-breach.ts';
import { recordConfirmations, recordExposure, recordNotificationTasks } from './record-outcomes.ts';
import { infraReaders } from './run-infra.ts';
import { routeTelemetry } from './telemetry-delivery.ts';
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
  /** The user's own stack (telemetry sinks, alert and notice intakes), when drilling it. */
  attach?: Attach;
  /** Where inject traffic carries the drill correlation id (target files choose). */
  surface?: ReadonlyArray<'header' | 'user-agent'>;
  /** Holds the clock until a facilitator lets it run on (tabletop drills); unattended runs never wait. */
  gate?: ClockGate;
  /**
   * Confirmations people make while the run is under way, already in the ledger as they happened
   * (tabletop): the run is attended, so an unconfirmed manual expectation is missed.
   */
  attended?: ReadonlyMap<string, { at: number; by: string }>;
  /**
   * Receives a way to judge every expectation as things stand, for a live board, and a way to tell
   * whether an inject is still to read the records it exposes (judged as things stand, an audit
   * trail of the accesses made so far can look complete before the leak's reads have happened).
   */
  onLive?(judgeNow: () => Verdict[], awaitingReads: (injectId: string) => boolean): void;
  /** The data plane on real servers (`--infra services|containers`); default in memory. */
  dataPlane?: RealDataPlane;
  /** `--hold`: keeps a leak on the real servers for the user's own scanners. */
  hold?: Hold;
}

/** Lets the run's clock advance only as far as someone allows. */
export interface ClockGate {
  /** Resolves once the clock may reach `at`; the run's clock is passed so the gate can move it up to what it allows. */
  release(at: number, clock: Clock): Promise<void>;
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
  const controlError = (controlId: string, error: unknown) => {
    const message = describe(error);
    if (lastError.get(controlId) === message) return;
    lastError.set(controlId, message);
    ledger.append({ kind: 'control.error', at: clock.now(), controlId, error: message });
  };
  const bus = new TelemetryBus(clock, (error) => controlError('telemetry-sink', error));
  const estate = createEstate({
    clock,
    bus,
    seed: plan.seed,
    patients: plan.patients,
    timezone: plan.timezone,
    dataPlane: options.dataPlane?.estateHooks,
    ...(plan.businessAssociates ? { businessAssociates: plan.businessAssociates } : {}),
  });
  const controls = [...registry.controls.values()];
  const desk: BreachDesk | undefined = plan.breach ? { policy: plan.breach, sent: [] } : undefined;
  const agenda = new Agenda();
  const runtime = startControls(controls, new Set(plan.controls.enabled), estate, clock, {
    onSignal(signal) {
      ledger.append({ kind: 'signal', at: signal.time, signal });
      options.onSignal?.(signal);
    },
    onError: controlError,
    schedule: (at, label, step) => agenda.at(at, label, step),
    breach: desk,
    infra: options.dataPlane ? infraReaders(options.dataPlane) : undefined,
  });
  bus.subscribe((event) => options.telemetry.write(event));
  const delivery = new DeliveryModel(plan.monitoring, plan.seed);
  estate.crm.state.config.eventMonitoring.delivery = delivery;
  bus.subscribe(routeTelemetry(delivery, runtime, agenda, clock));

  scheduleBackground(estate, agenda, {
    from: plan.start,
    until: plan.activeUntil,
    level: plan.background,
    seed: plan.seed,
    scale: plan.backgroundScale,
  });
  const scanEvery = Math.min(...controls.map((control) => control.scanEveryMs ?? Number.POSITIVE_INFINITY));
  for (let at = plan.start + scanEvery; at <= plan.activeUntil; at += scanEvery) {
    agenda.at(at, 'control scans', () => runtime.scan(at));
  }
  if (clock.kind === 'real') scheduleProbeChecks(agenda, plan);
  const injects = new InjectRunner(estate, clock, agenda, ledger, registry.injectors, options.surface);
  for (const planned of plan.injects) injects.schedule(planned);
  const notices: ReceivedNotice[] = [];
  const attachment = await options.attach?.({
    estate,
    bus,
    clock,
    ledger,
    receive(intake, input) {
      options.hold?.alert();
      return runtime.receive(intake, input);
    },
    notice(notice) {
      const received = { ...notice, id: `notice-${String(notices.length + 1).padStart(4, '0')}` };
      notices.push(received);
      ledger.append({ kind: 'notice.received', at: received.receivedAt, notice: received });
      return received;
    },
    correlationOf: (injectId) => plan.injects.find((inject) => inject.id === injectId)?.correlationId,
  });
  // Once every reader (ledger file, controls, the target's sinks) listens: the queues' creation first.
  options.dataPlane?.observe((input) => bus.emitAside(input));

  const observe = (
    tasks: Observations['notificationTasks'],
    confirmed: ReadonlyMap<string, { at: number; by: string }>,
  ): Observations => {
    const record = (id: string) => injects.records.get(id);
    return {
      signals: runtime.signals,
      injectedAt: (id) => (record(id)?.applied ? record(id)!.planned.at : undefined),
      injectFailure: (id) => record(id)?.failure,
      correlationId: (id) => record(id)?.planned.correlationId ?? '',
      containedAt: (id, condition) => record(id)?.contained.get(condition),
      accesses: (id) => record(id)?.accesses ?? [],
      trailScope: (trail) => registry.trails.get(trail)?.scope ?? '/',
      trailRecord: (trail, requestId) => {
        const definition = registry.trails.get(trail);
        const record = definition?.find(estate, requestId);
        if (!definition || !record) return undefined;
        return {
          ...record,
          availability: delivery.recordAvailability(
            definition.feed ?? mainFeedOf(definition.group),
            record.time,
            requestId,
          ),
        };
      },
      notificationTasks: tasks,
      notices,
      confirmation: (id) => confirmed.get(id),
      breach: desk ? breachObservations(desk, estate, injects) : undefined,
      unattended: !options.attended && confirmed.size === 0,
    };
  };
  const judge = (seen: Observations) =>
    plan.expectations.flatMap((expectation) => judgeAll(expectation, seen));
  options.onLive?.(
    () => judge(observe(estate.notificationTasks(), options.attended ?? new Map())),
    (injectId) => {
      const record = injects.records.get(injectId);
      return record?.applied !== undefined && record.exposed.size === 0 && record.stepsToCome > 0;
    },
  );

  // Notices the organisation's workflow mails are evidence as they go out, not only at judging.
  let noticesRecorded = 0;
  const watch = () => {
    injects.watchProbes();
    for (const notice of desk?.sent.slice(noticesRecorded) ?? []) {
      ledger.append({
        kind: 'notice.sent',
        at: notice.sentAt,
        obligationId: notice.obligationId,
        recipients: notice.patientIds.length,
        messages: notice.messageIds.length,
      });
    }
    noticesRecorded = desk?.sent.length ?? 0;
  };

  let falsePositives: Signal[] = [];
  const { gate } = options;
  const settle = async () => {
    await options.dataPlane?.settle();
    await options.hold?.check();
  };
  try {
    await runWatching(agenda, clock, plan.t0, watch, settle, gate);
    falsePositives = [...runtime.signals];
    ledger.append({
      kind: 'steady-state',
      at: clock.now(),
      from: plan.start,
      to: plan.t0,
      events: bus.count,
      falsePositives,
      ...(clock.kind === 'real'
        ? { background: { level: plan.background, scale: plan.backgroundScale ?? 1 } }
        : {}),
    });
    await runWatching(agenda, clock, plan.end, watch, settle, gate);
  } finally {
    await injects.revertAll();
    await attachment?.close();
    await settle();
  }

  recordExposure(injects.records.values(), estate, ledger);
  if (desk) recordBreachAssessments(injects.records.values(), desk.policy, estate, ledger);
  const tasks = recordNotificationTasks(plan, estate, ledger);
  const confirmed = new Map([
    ...(options.attended ?? []),
    ...recordConfirmations(plan, options.confirmations ?? new Map(), ledger, clock.now()),
  ]);
  const verdicts = judge(observe(tasks, confirmed));
  recordNoise(plan, runtime.signals, registry, ledger, clock.now());
  return { verdicts, signals: runtime.signals, falsePositives, estate };
}

/**
 * Runs the agenda to `until` one item at a time, checking containment probes after every step.
 * With a gate, each step (and the final stretch) first waits until the gate lets the clock get there.
 */
async function runWatching(
  agenda: Agenda,
  clock: Clock,
  until: number,
  watch: () => void,
  settle: () => Promise<void>,
  gate?: ClockGate,
): Promise<void> {
  for (;;) {
    await gate?.release(Math.min(agenda.nextAt ?? until, until), clock);
    if (!(await agenda.runNext(clock, until))) break;
    // Writes to real servers land before the next step, so scans never read a stale server.
    await settle();
    watch();
  }
  await clock.sleepUntil(until);
  watch();
}

/**
 * On the real clock the user's own responders change the estate between the run's own steps (a SOAR
 * revokes a token through the CRM): containment probes are checked at least every second, or 10,000
 * times over a long drill, so the measured latency is the responders', not the next scan's.
 */
function scheduleProbeChecks(agenda: Agenda, plan: Plan): void {
  const first = Math.min(...plan.injects.map((inject) => inject.at));
  const every = Math.max(1000, Math.ceil((plan.activeUntil - first) / 10_000));
  for (let at = first + every; at <= plan.activeUntil; at += every)
    agenda.at(at, 'containment probes', () => {});
}
