import { createRegistry } from '../registry.ts';
import { TOOL_VERSION } from '../version.ts';
import { cleanupCommand } from './cleanup-command.ts';
import { deadlinesCommand } from './deadlines-command.ts';
import { listCommand } from './list-command.ts';
import { mselCommand } from './msel-command.ts';
import { runCommand } from './run-command.ts';
import { serveCommand } from './serve-command.ts';
import { synthCommand } from './synth-command.ts';
import { tabletopCommand } from './tabletop-command.ts';
import { validateCommand } from './validate-command.ts';
import { verifyCommand } from './verify-command.ts';

const HELP = `phi-drill ${TOOL_VERSION} — rehearse PHI leaks through an EHR→CRM integration

usage: phi-drill <command> [options]

  run [scenarios…]     run drills (default: every scenario in ./scenarios) and print the scorecard
  tabletop [scenario]  a facilitated tabletop drill, full screen (--resume <run folder> picks one up)
  msel <scenario>      the master scenario events list for controllers (Markdown, --csv)
  validate <files…>    check scenario files; located errors, exit 2 on any problem
  list                 the catalog: leak patterns, controls, audit trails
  synth                write a synthetic population (FHIR NDJSON or CSV)
  serve                serve the simulated estate on loopback for outside tools
  verify <run folder>  check a run's hash chain and signature
  deadlines            notification obligations and due dates for a breach (table, --json, --ics)
  cleanup <folder>     remove what a killed --infra services run left on the servers

exit codes: 0 all expectations met · 1 any missed or late · 2 bad input
`;

/** Entry point: parsing and routing only; every command is a library function. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    env: process.env,
    cwd: process.cwd(),
  };
  const registry = createRegistry();
  switch (command) {
    case 'run':
      return runCommand(rest, io, registry);
    case 'tabletop':
      return tabletopCommand(rest, { ...io, stdinIsTTY: Boolean(process.stdin.isTTY) }, registry);
    case 'msel':
      return mselCommand(rest, io, registry);
    case 'validate':
      return validateCommand(rest, io, registry.refs);
    case 'list':
      return listCommand(rest, io, registry);
    case 'synth':
      return synthCommand(rest, { ...io, isTTY: Boolean(process.stderr.isTTY) });
    case 'serve':
      return serveCommand(rest, io);
    case 'verify':
      return verifyCommand(rest, io);
    case 'deadlines':
      return deadlinesCommand(rest, io);
    case 'cleanup':
      return cleanupCommand(rest, io);
    case '--version':
    case '-v':
      io.stdout.write(`${TOOL_VERSION}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(HELP);
      return 0;
    default:
      io.stderr.write(`unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}
