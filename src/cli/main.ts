import { createRegistry, type Registry } from '../registry.ts';
import { TOOL_VERSION } from '../version.ts';
import { DEADLINES_USAGE, deadlinesCommand } from './deadlines-command.ts';
import { EXIT } from './exit-codes.ts';
import { describeFailure } from './failure.ts';
import { LIST_USAGE, listCommand } from './list-command.ts';
import { MATRIX_USAGE, matrixCommand } from './matrix-command.ts';
import { MSEL_USAGE, mselCommand } from './msel-command.ts';
import { RUN_USAGE, type RunIo, runCommand } from './run-command.ts';
import { SERVE_USAGE, serveCommand } from './serve-command.ts';
import { SYNTH_USAGE, synthCommand } from './synth-command.ts';
import { TABLETOP_USAGE, tabletopCommand } from './tabletop-command.ts';
import { VALIDATE_USAGE, validateCommand } from './validate-command.ts';
import { USAGE as VERIFY_USAGE, verifyCommand } from './verify-command.ts';

/** Streams, not just writers: some commands (synth, deadlines) pipe into them. */
export type MainIo = RunIo & { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

/** The process's own terminal, environment and folder. */
function processIo(): MainIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    env: process.env,
    cwd: process.cwd(),
  };
}

interface Command {
  name: string;
  synopsis: string;
  summary: string;
  usage: string;
  run(argv: string[], io: MainIo, registry: Registry): Promise<number>;
}

/** Every subcommand, in the order `--help` lists them. */
const COMMANDS: readonly Command[] = [
  {
    name: 'run',
    synopsis: 'run [scenarios…]',
    summary: 'run drills (ids, files or folders; default ./scenarios) and print the scorecard',
    usage: RUN_USAGE,
    run: runCommand,
  },
  {
    name: 'tabletop',
    synopsis: 'tabletop [scenario]',
    summary: 'a facilitated tabletop drill, full screen (--resume <run folder> picks one up)',
    usage: TABLETOP_USAGE,
    run: (argv, io, registry) =>
      tabletopCommand(
        argv,
        { ...io, stdinIsTTY: Boolean(process.stdin.isTTY), rows: process.stdout.rows },
        registry,
      ),
  },
  {
    name: 'msel',
    synopsis: 'msel <scenario>',
    summary: 'the master scenario events list for controllers (Markdown, --csv)',
    usage: MSEL_USAGE,
    run: mselCommand,
  },
  {
    name: 'validate',
    synopsis: 'validate <files…>',
    summary: 'check scenario files; located errors, exit 2 on any problem',
    usage: VALIDATE_USAGE,
    run: (argv, io, registry) => validateCommand(argv, io, registry.refs),
  },
  {
    name: 'list',
    synopsis: 'list',
    summary: 'the catalog: leak patterns, controls, audit trails (--json)',
    usage: LIST_USAGE,
    run: listCommand,
  },
  {
    name: 'synth',
    synopsis: 'synth',
    summary: 'write a synthetic population (FHIR NDJSON or CSV)',
    usage: SYNTH_USAGE,
    run: (argv, io) => synthCommand(argv, { ...io, isTTY: Boolean(process.stderr.isTTY) }),
  },
  {
    name: 'serve',
    synopsis: 'serve',
    summary: 'serve the simulated estate on loopback for outside tools',
    usage: SERVE_USAGE,
    run: (argv, io) => serveCommand(argv, io),
  },
  {
    name: 'matrix',
    synopsis: 'matrix [scenarios…]',
    summary: 'detection coverage: scenarios × monitoring configurations',
    usage: MATRIX_USAGE,
    run: matrixCommand,
  },
  {
    name: 'verify',
    synopsis: 'verify <run folder>',
    summary: "check a run's hash chain and signature",
    usage: VERIFY_USAGE,
    run: (argv, io) => verifyCommand(argv, io),
  },
  {
    name: 'deadlines',
    synopsis: 'deadlines',
    summary: 'notification obligations and due dates for a breach (table, --json, --ics)',
    usage: DEADLINES_USAGE,
    run: (argv, io) => deadlinesCommand(argv, io),
  },
];

/** The exit-code contract (src/cli/exit-codes.ts), as `--help` and the README print it. */
export const EXIT_CODES_HELP = `exit codes:
  ${EXIT.ok}  every expectation met (verify: intact and signed by a trusted key)
  ${EXIT.missed}  an expectation missed or late (verify: the evidence does not hold)
  ${EXIT.usage}  bad input or usage: a scenario, target or option problem, printed located
  ${EXIT.operational}  operational failure: file system, port, service or environment; one line says how to fix it
  ${EXIT.unauthenticated}  verify: intact, but not signed by a trusted key
`;

const HELP = `phi-drill ${TOOL_VERSION} — rehearse PHI leaks through an EHR→CRM integration

usage: phi-drill <command> [options]      (phi-drill <command> --help for its options)

${COMMANDS.map((c) => `  ${c.synopsis.padEnd(20)} ${c.summary}`).join('\n')}

  --debug              on any command: print the stack trace of an unexpected failure
${EXIT_CODES_HELP}`;

/**
 * Entry point: parsing and routing only; every command is a library function. Whatever a command
 * throws ends here as one line and exit 2 or 3 (the stack only with --debug).
 */
export async function main(argv: string[], io: MainIo = processIo()): Promise<number> {
  const debug = beforeDoubleDash(argv).includes('--debug');
  const [name, ...rest] = debug ? withoutFirst(argv, '--debug') : argv;
  switch (name) {
    case '--version':
    case '-v':
      io.stdout.write(`${TOOL_VERSION}\n`);
      return EXIT.ok;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(HELP);
      return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`phi-drill: unknown command "${name}"\n\n${HELP}`);
    return EXIT.usage;
  }
  if (beforeDoubleDash(rest).some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout.write(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io, createRegistry());
  } catch (error) {
    const failure = describeFailure(command.name, error, debug);
    io.stderr.write(`${failure.line}\n`);
    return failure.exitCode;
  }
}

function beforeDoubleDash(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

function withoutFirst(argv: readonly string[], flag: string): string[] {
  const at = argv.indexOf(flag);
  return [...argv.slice(0, at), ...argv.slice(at + 1)];
}
