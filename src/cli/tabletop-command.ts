import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { render } from 'ink';
import { createElement } from 'react';
import { systemTimers } from '../clock/timers.ts';
import type { Registry } from '../registry.ts';
import { newRunId } from '../run/run-record.ts';
import { formatProblems } from '../scenario/catalog.ts';
import { loadScenarioText } from '../scenario/loader.ts';
import { ResumeError, readResumable } from '../tabletop/resume.ts';
import { TabletopSession } from '../tabletop/session.ts';
import type { TabletopView } from '../tabletop/types.ts';
import { TabletopApp } from '../tui/app.tsx';
import { ColourContext, colourEnabled } from '../tui/theme.tsx';
import { EXIT } from './exit-codes.ts';
import { findScenario, isFile, loadScenarios } from './load-scenarios.ts';
import type { RunIo } from './run-command.ts';
import { parseOrExplain, UsageError } from './usage.ts';

export const TABLETOP_USAGE = `usage: phi-drill tabletop [scenario id or file] [options]
  --scenarios DIR      the catalog to pick from (default: scenarios)
  --out DIR            reports root; each drill gets its own run folder (default: reports)
  --resume FOLDER      pick an interrupted drill up from its ledger
  --no-color           no colour (NO_COLOR does the same)

A facilitated, full-screen drill on a terminal. For unattended runs (CI, scripts) use
phi-drill run <scenario> [--confirm ID@OFFSET].
Closing writes the after-action report as Markdown and HTML, and as PDF where Chromium is on PATH
(PHI_DRILL_CHROMIUM names another browser, or off).
`;

export interface TabletopIo extends RunIo {
  /** stdin is a terminal too (keys are read raw). */
  stdinIsTTY: boolean;
  /** Terminal height, when on a terminal (width is `columns`). */
  rows?: number;
}

/** The smallest terminal the drill screen is laid out for (README, "Tabletop drills"). */
export const MIN_TERMINAL = { columns: 80, rows: 24 } as const;

/** `phi-drill tabletop`: opens the Ink app on a terminal; refuses anywhere else. */
export async function tabletopCommand(argv: string[], io: TabletopIo, registry: Registry): Promise<number> {
  const parsed = parseOrExplain('tabletop', TABLETOP_USAGE, () => parse(argv), io);
  if (!parsed.ok) return parsed.exitCode;
  const options = parsed.value;
  if (!io.isTTY || !io.stdinIsTTY) {
    io.stderr.write(
      'phi-drill tabletop needs an interactive terminal (stdin and stdout must be a TTY).\n' +
        'For unattended or CI drills use: phi-drill run <scenario> [--confirm ID@OFFSET]\n',
    );
    return EXIT.usage;
  }
  const small =
    (io.columns ?? MIN_TERMINAL.columns) < MIN_TERMINAL.columns ||
    (io.rows ?? MIN_TERMINAL.rows) < MIN_TERMINAL.rows;
  if (small) {
    io.stderr.write(
      `phi-drill tabletop needs a terminal of at least ${MIN_TERMINAL.columns}×${MIN_TERMINAL.rows}; this one is ` +
        `${io.columns ?? '?'}×${io.rows ?? '?'}. Enlarge the window (or zoom out) and start again.\n`,
    );
    return EXIT.usage;
  }
  const colour = colourEnabled(io.env) && !options.noColor;
  if (options.resume) return resume(resolve(io.cwd, options.resume), io, registry, colour);

  // The scenario named may be a catalog id or a file of its own.
  const named =
    options.scenario && (await isFile(resolve(io.cwd, options.scenario))) ? [options.scenario] : [];
  const catalog = await loadScenarios([options.scenarios, ...named], io.cwd, registry);
  if (catalog.problems.length > 0) {
    for (const line of formatProblems(catalog.problems)) io.stderr.write(`${line}\n`);
    io.stderr.write(`${catalog.problems.length} problem(s) in the scenarios; fix them first\n`);
    return 2;
  }
  if (catalog.missing.length > 0) {
    io.stderr.write(`phi-drill tabletop: no such folder: ${catalog.missing.join(', ')}\n`);
    return 2;
  }
  const scenarios = catalog.scenarios;
  const initial = options.scenario ? findScenario(scenarios, options.scenario) : undefined;
  if (options.scenario && !initial) {
    io.stderr.write(
      `phi-drill tabletop: no scenario "${options.scenario}" in ${options.scenarios}\n${TABLETOP_USAGE}`,
    );
    return 2;
  }
  if (scenarios.length === 0) {
    io.stderr.write(`phi-drill tabletop: no scenario files in ${options.scenarios}\n`);
    return 2;
  }
  const outRoot = resolve(io.cwd, options.out);
  let session: TabletopSession | undefined;
  const ended = await openApp(colour, {
    scenarios: scenarios.map(({ scenario }) => ({
      id: scenario.id,
      title: scenario.title,
      severity: scenario.severity,
      summary: scenario.summary,
    })),
    initialScenarioId: initial?.scenario.id,
    async startSession(setup) {
      const chosen = scenarios.find(({ scenario }) => scenario.id === setup.scenarioId)!;
      session = TabletopSession.start({
        scenario: chosen.scenario,
        scenarioFile: resolve(io.cwd, chosen.file),
        scenarioText: chosen.text,
        registry,
        folder: join(outRoot, newRunId(), chosen.scenario.id),
        participants: setup.participants,
        pacing: setup.pacing,
        timers: systemTimers,
        env: io.env,
      });
      return session;
    },
  });
  session?.dispose();
  return farewell(io, ended, session?.view());
}

async function resume(folder: string, io: TabletopIo, registry: Registry, colour: boolean): Promise<number> {
  let session: TabletopSession;
  try {
    const drill = await readResumable(folder);
    const text = await readFile(drill.scenarioFile, 'utf8').catch(() => {
      throw new ResumeError(`the drill's scenario file ${drill.scenarioFile} is gone`);
    });
    if (createHash('sha256').update(text).digest('hex') !== drill.scenarioSha256) {
      throw new ResumeError(`${drill.scenarioFile} changed since the drill began; restore it to resume`);
    }
    const loaded = loadScenarioText(text, drill.scenarioFile, registry.refs);
    if (!loaded.ok) throw new ResumeError(formatProblems(loaded.problems).join('\n'));
    for (const note of drill.notes) io.stderr.write(`note: ${note}\n`);
    session = TabletopSession.resume(
      {
        scenario: loaded.scenario,
        scenarioFile: drill.scenarioFile,
        scenarioText: text,
        registry,
        folder,
        participants: drill.participants,
        pacing: drill.pacing,
        timers: systemTimers,
        env: io.env,
      },
      drill.point,
    );
    await session.settled();
  } catch (error) {
    io.stderr.write(`phi-drill tabletop --resume: ${(error as Error).message}\n`);
    return 2;
  }
  const ended = await openApp(colour, {
    scenarios: [],
    resumed: session,
    startSession: () => Promise.reject(new Error('a resumed drill has its scenario')),
  });
  session.dispose();
  return farewell(io, ended, session.view());
}

/** Renders the app full-screen and resolves with the AAR path when the drill closed, undefined on quit. */
async function openApp(
  colour: boolean,
  props: Omit<Parameters<typeof TabletopApp>[0], 'timers' | 'onExit'>,
): Promise<string | undefined> {
  let afterActionReport: string | undefined;
  const app = render(
    createElement(
      ColourContext.Provider,
      { value: colour },
      createElement(TabletopApp, {
        ...props,
        timers: systemTimers,
        onExit: (path) => {
          afterActionReport = path;
        },
      }),
    ),
    // Interactive even where CI is set: this command only runs on a terminal (checked above).
    { alternateScreen: true, interactive: true, exitOnCtrlC: true },
  );
  await app.waitUntilExit();
  return afterActionReport;
}

function farewell(
  io: TabletopIo,
  afterActionReport: string | undefined,
  view: TabletopView | undefined,
): number {
  const folder = view?.folder;
  if (afterActionReport) {
    io.stdout.write(`after-action report: ${afterActionReport}\n`);
    const printed = view?.printed;
    if (printed && 'pdf' in printed) io.stdout.write(`printable copy:      ${printed.pdf}\n`);
    else if (printed)
      io.stdout.write(`no PDF: ${printed.problem}; the .html beside it prints from any browser\n`);
  } else if (folder) {
    io.stdout.write(`drill paused; everything so far is in ${join(folder, 'ledger.jsonl')}\n`);
    io.stdout.write(`resume with: phi-drill tabletop --resume ${folder}\n`);
  }
  return 0;
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scenarios: { type: 'string', default: 'scenarios' },
      out: { type: 'string', default: 'reports' },
      resume: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help' as const;
  if (positionals.length > 1) throw new UsageError('one scenario at a time');
  if (values.resume && positionals.length > 0)
    throw new UsageError('--resume takes the run folder; the scenario comes from its ledger');
  return {
    scenario: positionals[0],
    scenarios: values.scenarios,
    out: values.out,
    resume: values.resume,
    noColor: values['no-color'],
  };
}
