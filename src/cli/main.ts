import type { Registry } from '../registry.ts';
import { TOOL_VERSION } from '../version.ts';

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
  merge <drill folders…>  combine the shards of a run (run --shard i/n) into one verified drill folder
  deadlines            notification obligations and due dates for a breach (table, --json, --ics)

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
  // Each command's modules (and their packages: Ink, mailparser, broker clients …) load only when
  // that command runs, so `--version` or `validate` does not pay for the rest.
  const registry = async (): Promise<Registry> => (await import('../registry.ts')).createRegistry();
  switch (command) {
    case 'run':
      return (await import('./run-command.ts')).runCommand(rest, io, await registry());
    case 'tabletop':
      return (await import('./tabletop-command.ts')).tabletopCommand(
        rest,
        { ...io, stdinIsTTY: Boolean(process.stdin.isTTY) },
        await registry(),
      );
    case 'msel':
      return (await import('./msel-command.ts')).mselCommand(rest, io, await registry());
    case 'validate':
      return (await import('./validate-command.ts')).validateCommand(rest, io, (await registry()).refs);
    case 'list':
      return (await import('./list-command.ts')).listCommand(rest, io, await registry());
    case 'synth':
      return (await import('./synth-command.ts')).synthCommand(rest, {
        ...io,
        isTTY: Boolean(process.stderr.isTTY),
      });
    case 'serve':
      return (await import('./serve-command.ts')).serveCommand(rest, io);
    case 'verify':
      return (await import('./verify-command.ts')).verifyCommand(rest, io);
    case 'merge':
      return (await import('./merge-command.ts')).mergeCommand(rest, io);
    case 'deadlines':
      return (await import('./deadlines-command.ts')).deadlinesCommand(rest, io);
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
