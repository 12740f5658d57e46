import { join } from 'node:path';
import { RealClock } from '../clock/clock.ts';
import { formatDuration } from '../clock/duration.ts';
import { systemTimers } from '../clock/timers.ts';
import type { Registry } from '../registry.ts';
import type { RunReport } from '../report/model.ts';
import { renderScorecard } from '../report/scorecard.ts';
import { closeDrill } from '../run/close-drill.ts';
import type { HoldOptions } from '../run/hold.ts';
import { type Plan, planScenario } from '../run/plan.ts';
import type { RunInfraOptions } from '../run/run-infra.ts';
import { runScenario } from '../run/run-scenario.ts';
import { formatProblems } from '../scenario/catalog.ts';
import { applyTarget, unknownTargetReferences } from '../target/apply.ts';
import { loadTargetFile } from '../target/loader.ts';
import type { Target } from '../target/schema.ts';
import { missingSecrets } from '../target/secrets.ts';
import { withDrillFolder } from './drill-folder.ts';
import { EXIT } from './exit-codes.ts';
import { OperationalError } from './failure.ts';
import { liveProgress } from './live-progress.ts';
import { isFile, type LoadedScenario } from './load-scenarios.ts';
import type { RunIo } from './run-command.ts';
import { renderTargetPlan } from './target-plan.ts';

/**
 * `run --target FILE`: drill the user's own stack, one scenario at a time on the real clock (intakes
 * listen on fixed ports), with live progress; `--plan` only prints what would happen.
 */
export async function runAgainstTarget(options: {
  targetPath: string;
  scenarios: readonly LoadedScenario[];
  registry: Registry;
  io: RunIo;
  planOnly: boolean;
  drillFolder: string;
  disabledControls: string[];
  seed?: number;
  patients?: number;
  json: boolean;
  /** The data plane on real servers, when asked for. */
  infra?: RunInfraOptions;
  /** `--hold`: keep a leak on those servers for the user's scanners. */
  hold?: HoldOptions;
}): Promise<number> {
  const { io, registry } = options;
  const controlIds = new Set(registry.controls.keys());
  if (!(await isFile(options.targetPath))) {
    io.stderr.write(`phi-drill run: --target ${options.targetPath}: no such file; name a target YAML file\n`);
    return EXIT.usage;
  }
  const loaded = await loadTargetFile(options.targetPath, controlIds);
  if (!loaded.ok) {
    for (const line of formatProblems(loaded.problems)) io.stderr.write(`${line}\n`);
    io.stderr.write(`${loaded.problems.length} problem(s) in ${options.targetPath}; nothing was run\n`);
    return EXIT.usage;
  }
  const target = loaded.target;
  const references = unknownTargetReferences(
    target,
    options.scenarios.map((s) => s.scenario),
    controlIds,
  );
  if (references.length > 0) {
    for (const problem of references)
      io.stderr.write(
        `${options.targetPath}  ${problem.code}  ${problem.path.join('.')}  ${problem.message}\n`,
      );
    return EXIT.usage;
  }
  if (options.planOnly) {
    const now = new RealClock().now();
    const plans = options.scenarios.map(({ scenario }) => {
      const retimed = applyTarget({ ...scenario, estate: { ...scenario.estate, start: now } }, target);
      return planScenario(retimed, {
        controlIds: [...controlIds],
        disabledControls: [...options.disabledControls, ...target.disableControls],
        seed: options.seed,
        patients: options.patients,
        // The real run draws a random component; the plan shows where it goes.
        correlationNonce: '<random>',
        breachCompression: target.breachClock.compress,
        backgroundScale: target.background.scale,
        realClock: true,
      });
    });
    io.stdout.write(
      options.json ? `${JSON.stringify({ target, plans }, null, 2)}\n` : renderTargetPlan(target, plans),
    );
    return EXIT.ok;
  }
  const unset = missingSecrets(target, io.env);
  if (unset.length > 0) {
    const names = unset.map(({ variable, usedBy }) => `${variable} (${usedBy})`).join(', ');
    throw new OperationalError(
      `${options.targetPath} needs environment variables that are not set: ${names}`,
      `export ${unset.map(({ variable }) => variable).join(' and ')} before running, nothing was run`,
    );
  }
  return withDrillFolder(options.drillFolder, () => drillTarget(options, target));
}

async function drillTarget(options: Parameters<typeof runAgainstTarget>[0], target: Target): Promise<number> {
  const { io, registry } = options;
  const reports: RunReport[] = [];
  let exitCode = 0;
  for (const { scenario, file, text } of options.scenarios) {
    const clock = new RealClock();
    let progress: ReturnType<typeof liveProgress> | undefined;
    const result = await runScenario({
      scenario,
      scenarioFile: file,
      scenarioText: text,
      registry,
      folder: join(options.drillFolder, scenario.id),
      disabledControls: options.disabledControls,
      seed: options.seed,
      patients: options.patients,
      env: io.env,
      target,
      infra: options.infra,
      hold: options.hold,
      onIntakeReady: (id, where) => io.stderr.write(`${id} listening: ${JSON.stringify(where)}\n`),
      onPlan(plan) {
        const note = longRunNote(plan, options.targetPath);
        if (note) io.stderr.write(note);
        progress = liveProgress({
          plan,
          isTTY: io.isTTY,
          write: (t) => io.stderr.write(t),
          now: () => clock.now(),
          timers: systemTimers,
        });
      },
      onEntry: (entry) => progress?.onEntry(entry),
    });
    progress?.stop();
    reports.push(result.report);
    exitCode = Math.max(exitCode, result.exitCode);
  }
  closeDrill(options.drillFolder, reports, exitCode, io.env);
  io.stdout.write(
    options.json
      ? `${JSON.stringify({ folder: options.drillFolder, exitCode, reports }, null, 2)}\n`
      : `${renderScorecard(reports, { color: io.isTTY && io.env.NO_COLOR === undefined, unicode: io.isTTY, width: io.columns })}\nevidence: ${options.drillFolder}\n`,
  );
  return exitCode;
}

/**
 * A real-clock drill as long as its longest window: a scenario's 60-day notice clock, left as it is,
 * keeps the process (and its listeners) up for four months. Say so before it starts.
 */
export function longRunNote(plan: Plan, targetPath: string): string | undefined {
  const lasts = plan.end - plan.start;
  if (lasts <= LONG_REAL_RUN_MS) return undefined;
  const longest = plan.expectations.reduce((a, b) => (b.withinMs > a.withinMs ? b : a));
  return (
    `note: ${plan.scenarioId} runs for ${formatDuration(lasts)} of real time; its longest window is ` +
    `${longest.id} (${formatDuration(longest.withinMs)}). To drill sooner, shorten it in ${targetPath}: ` +
    `expectations: { ${longest.id}: { within: 10m } }\n`
  );
}

const LONG_REAL_RUN_MS = 24 * 3_600_000;
