import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileDurably } from '../evidence/durable-write.ts';
import { MONITORING_CONFIGS } from '../matrix/configs.ts';
import { renderMatrixHtml } from '../matrix/render-html.ts';
import { renderMatrixMarkdown, renderMatrixTerminal } from '../matrix/render-text.ts';
import { runMatrix } from '../matrix/run-matrix.ts';
import type { Registry } from '../registry.ts';
import { defaultJobs } from '../run/parallel.ts';
import { newRunId } from '../run/run-record.ts';
import { formatProblem } from '../scenario/catalog.ts';
import { EXIT } from './exit-codes.ts';
import { loadScenarios } from './load-scenarios.ts';
import type { RunIo } from './run-command.ts';

export const MATRIX_USAGE = `usage: phi-drill matrix [scenario files or dirs…] [options]
  Drills every scenario under each monitoring configuration and draws the detection-coverage
  matrix: met / late / missed per leak pattern and configuration, with detection and log latency.
  --config ID      a column (repeatable, in order; the first is "what we collect today")
                   default: ${MONITORING_CONFIGS.map((c) => c.id).join(', ')}
  --seed N         override every scenario's seed
  --jobs N         cells drilled at once (default: one per core)
  --out DIR        reports root (default: reports); writes matrix.md, matrix.html, matrix.json there
  --markdown       print the Markdown table instead of the terminal one
  --json           print the matrix as JSON
  --no-color       plain terminal table
exit codes: 0 every leak caught in time with the first configuration · 1 some late or missed · 2 bad input
`;

/** `phi-drill matrix`: scenarios × monitoring configurations on the virtual clock. */
export async function matrixCommand(argv: string[], io: RunIo, registry: Registry): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${MATRIX_USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const bad = (message: string) => {
    io.stderr.write(`${message}\n${MATRIX_USAGE}`);
    return EXIT.usage;
  };
  if (values.help) {
    io.stdout.write(MATRIX_USAGE);
    return EXIT.ok;
  }
  const ids = values.config ?? MONITORING_CONFIGS.map((config) => config.id);
  const unknown = ids.find((id) => !MONITORING_CONFIGS.some((config) => config.id === id));
  if (unknown)
    return bad(
      `unknown monitoring configuration "${unknown}"; known: ${MONITORING_CONFIGS.map((c) => c.id).join(', ')}`,
    );
  const configs = ids.map((id) => MONITORING_CONFIGS.find((config) => config.id === id)!);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    return bad(`--seed must be an integer, got "${values.seed}"`);
  const jobCount = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobCount !== undefined && !(Number.isInteger(jobCount) && jobCount >= 1 && jobCount <= 64)) {
    return bad(`--jobs must be an integer from 1 to 64, got "${values.jobs}"`);
  }
  const loaded = await loadScenarios(positionals.length > 0 ? positionals : ['scenarios'], io.cwd, registry);
  if (loaded.missing.length > 0) return bad(`no such file or directory: ${loaded.missing.join(', ')}`);
  if (loaded.problems.length > 0) {
    for (const problem of loaded.problems) io.stderr.write(`${formatProblem(problem)}\n`);
    io.stderr.write(`${loaded.problems.length} problem(s); nothing was run\n`);
    return EXIT.usage;
  }
  if (loaded.scenarios.length === 0) return bad('no scenario files found');

  const folder = join(resolve(io.cwd, values.out ?? 'reports'), `matrix-${newRunId()}`);
  const cells = loaded.scenarios.length * configs.length;
  const { matrix, wallMs } = await runMatrix({
    scenarios: loaded.scenarios,
    configs,
    registry,
    folder,
    workers: jobCount ?? defaultJobs(cells),
    env: io.env,
    seed,
    onCellDone(done, total) {
      if (io.isTTY) io.stderr.write(`\r\u001b[2K[${done}/${total}] cells drilled`);
    },
  });
  if (io.isTTY) io.stderr.write('\r\u001b[2K');
  const json = `${JSON.stringify({ folder, wallMs: Math.round(wallMs), ...matrix }, null, 2)}\n`;
  writeFileDurably(join(folder, 'matrix.json'), json);
  writeFileDurably(join(folder, 'matrix.md'), renderMatrixMarkdown(matrix));
  writeFileDurably(join(folder, 'matrix.html'), renderMatrixHtml(matrix));
  if (values.json) io.stdout.write(json);
  else if (values.markdown) io.stdout.write(renderMatrixMarkdown(matrix));
  else {
    const color = io.isTTY && !values['no-color'] && io.env.NO_COLOR === undefined;
    io.stdout.write(renderMatrixTerminal(matrix, { color, width: io.columns }));
    io.stdout.write(`\nmatrix: ${folder} (${cells} runs, ${(wallMs / 1000).toFixed(1)} s)\n`);
  }
  const first = configs[0]!.id;
  const allMet = matrix.rows.every(
    (row) => row.cells.find((cell) => cell.config === first)?.status === 'met',
  );
  return allMet ? EXIT.ok : EXIT.missed;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', multiple: true },
      seed: { type: 'string' },
      jobs: { type: 'string' },
      out: { type: 'string' },
      markdown: { type: 'boolean' },
      json: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
