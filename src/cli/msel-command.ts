import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileDurably } from '../evidence/durable-write.ts';
import type { Registry } from '../registry.ts';
import { formatProblems } from '../scenario/catalog.ts';
import { injectsWithoutMsel, mselCsv, mselMarkdown, mselRows } from '../tabletop/msel.ts';
import { findScenario, isFile, loadScenarios } from './load-scenarios.ts';
import { parseOrExplain, UsageError } from './usage.ts';

export const MSEL_USAGE = `usage: phi-drill msel <scenario id or file> [options]
  --scenarios DIR      the catalog to look the id up in (default: scenarios)
  --csv                CSV (RFC 4180) instead of Markdown
  --out FILE           write to FILE instead of standard output

The master scenario events list (HSEEP MSEL) for controllers and evaluators: every inject
with its drill time, local time, who tells whom, the message, the expected player action and
the expectations it opens.
`;

export interface MselIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd: string;
}

/** `phi-drill msel`: prints (or writes) one scenario's master scenario events list. */
export async function mselCommand(argv: string[], io: MselIo, registry: Registry): Promise<number> {
  const parsed = parseOrExplain('msel', MSEL_USAGE, () => parse(argv), io);
  if (!parsed.ok) return parsed.exitCode;
  const options = parsed.value;
  const named = (await isFile(resolve(io.cwd, options.scenario))) ? [options.scenario] : [];
  const paths = named.length > 0 ? named : [options.scenarios];
  const catalog = await loadScenarios(paths, io.cwd, registry);
  if (catalog.missing.length > 0) {
    io.stderr.write(`phi-drill msel: no such folder: ${catalog.missing.join(', ')}\n`);
    return 2;
  }
  const found = findScenario(catalog.scenarios, options.scenario);
  // Problems elsewhere in the catalog do not block the one scenario asked for.
  const problems = catalog.problems.filter((problem) => !found || problem.file === found.file);
  if (!found || problems.length > 0) {
    for (const line of formatProblems(problems)) io.stderr.write(`${line}\n`);
    io.stderr.write(`phi-drill msel: no valid scenario "${options.scenario}" in ${paths.join(', ')}\n`);
    return 2;
  }
  const rows = mselRows(found.scenario);
  const text = options.csv ? mselCsv(rows) : mselMarkdown(found.scenario, rows);
  const silent = injectsWithoutMsel(rows);
  if (silent.length > 0) {
    io.stderr.write(
      `note: ${silent.length} of ${rows.length} inject(s) have no msel entry in the scenario: ${silent.join(', ')}\n`,
    );
  }
  if (options.out) {
    const out = resolve(io.cwd, options.out);
    try {
      writeFileDurably(out, text);
    } catch (error) {
      io.stderr.write(`phi-drill msel: cannot write ${out}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stderr.write(`wrote ${out} (${rows.length} inject(s))\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scenarios: { type: 'string', default: 'scenarios' },
      csv: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help' as const;
  if (positionals.length === 0) throw new UsageError('name a scenario (catalog id or file)');
  if (positionals.length > 1) throw new UsageError('one scenario at a time');
  return {
    scenario: positionals[0]!,
    scenarios: values.scenarios,
    csv: values.csv,
    out: values.out,
  };
}
