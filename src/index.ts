/**
 * phi-drill as a library: for QA suites that run drills from their own tests, and for teams adding
 * their own leak patterns and controls. The CLI is a thin layer over these same functions.
 */
export { Agenda } from './clock/agenda.ts';
export { type Clock, RealClock, VirtualClock } from './clock/clock.ts';
export { formatDuration, parseDuration } from './clock/duration.ts';
export {
  type ControlContext,
  type ControlDefinition,
  type ControlInstance,
  defineControl,
} from './controls/define.ts';
export { BUILT_IN_CONTROLS } from './controls/index.ts';
export type { Severity, Signal, SignalInput } from './controls/signal.ts';
export { createEstateContext } from './estate/context.ts';
export { createDispatch, ESTATE_ORIGIN, type EstateFetch } from './estate/dispatch.ts';
export { createEstate, type Estate } from './estate/estate.ts';
export { type LoopbackServer, serveOnLoopback } from './estate/loopback-server.ts';
export type { LedgerEntry } from './evidence/entries.ts';
export { readTrustFile, type TrustedKey, type TrustFile } from './evidence/trust.ts';
export { type VerifyResult, type VerifyStatus, verifyRunFolder } from './evidence/verify.ts';
export { type DrillVerifyResult, verifyDrillFolder } from './evidence/verify-drill.ts';
export {
  type AppliedInject,
  defineInjector,
  type InjectContext,
  type InjectorDefinition,
} from './inject/define.ts';
export { BUILT_IN_INJECTORS } from './inject/index.ts';
export { createRegistry, type Registry } from './registry.ts';
export { buildReport, type RunReport } from './report/model.ts';
export { renderScorecard } from './report/scorecard.ts';
export { type Plan, planScenario } from './run/plan.ts';
export { type RunScenarioOptions, type RunScenarioResult, runScenario } from './run/run-scenario.ts';
export type { Verdict, VerdictStatus } from './run/verdict.ts';
export { loadCatalog } from './scenario/catalog.ts';
export { loadScenarioFile, loadScenarioText } from './scenario/loader.ts';
export type { Scenario } from './scenario/types.ts';
export { type SinkResult, type SoakOptions, type SoakReport, soak } from './soak/soak.ts';
export { assertSyntheticPatient, findPhi } from './synth/identifiers.ts';
export { patientAt, streamPatients } from './synth/population.ts';
export { type ResumableDrill, ResumeError, readResumable } from './tabletop/resume.ts';
export { type TabletopOptions, TabletopSession } from './tabletop/session.ts';
export {
  type ImprovementAction,
  PACINGS,
  type Pacing,
  type Participant,
  ROLES,
  type TabletopControls,
  type TabletopView,
} from './tabletop/types.ts';
export { TelemetryBus } from './telemetry/bus.ts';
export type { TelemetryEvent } from './telemetry/event.ts';
