import { createRegistry } from '../registry.ts';
import { TOOL_VERSION } from '../version.ts';
import { deadlinesCommand } from './deadlines-command.ts';
import { keysCommand } from './keys-command.ts';
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
  verify <folder>      check a run or a whole drill: hash chain, pinned files, signature, trust
  keys                 the organisation signing key and the trust file verify checks against
  deadlines            notification obligations and due dates for a breach (table, --json, --ics)

exit codes: 0 all expectations met · 1 any missed or late · 2 bad input
            verify: 0 verified · 1 not verified · 4 integrity only (not signed by a trusted key)
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
    case 'keys':
      return keysCommand(rest, io);
    case 'deadlines':
      return deadlinesCommand(rest, io);
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
