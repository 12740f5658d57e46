import type { Registry } from '../registry.ts';
import { TOOL_VERSION } from '../version.ts';
import { EXIT } from './exit-codes.ts';
import { describeFailure } from './failure.ts';
import type { RunIo } from './run-command.ts';

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

/** A command's usage text and body, loaded only when that command runs. */
interface Loaded {
  usage: string;
  run(argv: string[], io: MainIo, registry: () => Promise<Registry>): Promise<number>;
}

interface Command {
  name: string;
  synopsis: string;
  summary: string;
  /**
   * Each command's modules (and their packages: Ink, mailparser, broker clients …) load only when
   * that command runs, so `--version` or `--help` does not pay for the rest.
   */
  load(): Promise<Loaded>;
}

/** Every subcommand, in the order `--help` lists them. */
const COMMANDS: readonly Command[] = [
  {
    name: 'run',
    synopsis: 'run [scenarios…]',
    summary: 'run drills (ids, files or folders; default ./scenarios) and print the scorecard',
    load: async () => {
      const m = await import('./run-command.ts');
      return {
        usage: m.RUN_USAGE,
        run: async (argv, io, registry) => m.runCommand(argv, io, await registry()),
      };
    },
  },
  {
    name: 'tabletop',
    synopsis: 'tabletop [scenario]',
    summary: 'a facilitated tabletop drill, full screen (--resume <run folder> picks one up)',
    load: async () => {
      const m = await import('./tabletop-command.ts');
      return {
        usage: m.TABLETOP_USAGE,
        run: async (argv, io, registry) =>
          m.tabletopCommand(
            argv,
            { ...io, stdinIsTTY: Boolean(process.stdin.isTTY), rows: process.stdout.rows },
            await registry(),
          ),
      };
    },
  },
  {
    name: 'msel',
    synopsis: 'msel <scenario>',
    summary: 'the master scenario events list for controllers (Markdown, --csv)',
    load: async () => {
      const m = await import('./msel-command.ts');
      return {
        usage: m.MSEL_USAGE,
        run: async (argv, io, registry) => m.mselCommand(argv, io, await registry()),
      };
    },
  },
  {
    name: 'validate',
    synopsis: 'validate <files…>',
    summary: 'check scenario files; located errors, exit 2 on any problem',
    load: async () => {
      const m = await import('./validate-command.ts');
      return {
        usage: m.VALIDATE_USAGE,
        run: async (argv, io, registry) => m.validateCommand(argv, io, (await registry()).refs),
      };
    },
  },
  {
    name: 'list',
    synopsis: 'list',
    summary: 'the catalog: leak patterns, controls, audit trails (--json)',
    load: async () => {
      const m = await import('./list-command.ts');
      return {
        usage: m.LIST_USAGE,
        run: async (argv, io, registry) => m.listCommand(argv, io, await registry()),
      };
    },
  },
  {
    name: 'synth',
    synopsis: 'synth',
    summary: 'write a synthetic population (FHIR NDJSON or CSV)',
    load: async () => {
      const m = await import('./synth-command.ts');
      return {
        usage: m.SYNTH_USAGE,
        run: (argv, io) => m.synthCommand(argv, { ...io, isTTY: Boolean(process.stderr.isTTY) }),
      };
    },
  },
  {
    name: 'serve',
    synopsis: 'serve',
    summary: 'serve the simulated estate on loopback for outside tools',
    load: async () => {
      const m = await import('./serve-command.ts');
      return { usage: m.SERVE_USAGE, run: (argv, io) => m.serveCommand(argv, io) };
    },
  },
  {
    name: 'soak',
    synopsis: 'soak --target FILE',
    summary: "replay a day of the estate's traffic into your sinks: delivered, lost, lag per sink",
    load: async () => {
      const m = await import('./soak-command.ts');
      return {
        usage: m.SOAK_USAGE,
        run: async (argv, io, registry) => m.soakCommand(argv, io, await registry()),
      };
    },
  },
  {
    name: 'matrix',
    synopsis: 'matrix [scenarios…]',
    summary: 'detection coverage: scenarios × monitoring configurations',
    load: async () => {
      const m = await import('./matrix-command.ts');
      return {
        usage: m.MATRIX_USAGE,
        run: async (argv, io, registry) => m.matrixCommand(argv, io, await registry()),
      };
    },
  },
  {
    name: 'cleanup',
    synopsis: 'cleanup <folder>',
    summary: 'remove what a killed --infra services run left on the servers',
    load: async () => {
      const m = await import('./cleanup-command.ts');
      return { usage: m.CLEANUP_USAGE, run: (argv, io) => m.cleanupCommand(argv, io) };
    },
  },
  {
    name: 'verify',
    synopsis: 'verify <folder>',
    summary: 'check a run or a whole drill: hash chain, pinned files, signature, trust',
    load: async () => {
      const m = await import('./verify-command.ts');
      return { usage: m.USAGE, run: (argv, io) => m.verifyCommand(argv, io) };
    },
  },
  {
    name: 'keys',
    synopsis: 'keys',
    summary: 'the organisation signing key and the trust file verify checks against',
    load: async () => {
      const m = await import('./keys-command.ts');
      return { usage: m.KEYS_USAGE, run: (argv, io) => m.keysCommand(argv, io) };
    },
  },
  {
    name: 'merge',
    synopsis: 'merge <drill folders…>',
    summary: 'combine the shards of a run (run --shard i/n) into one verified drill folder',
    load: async () => {
      const m = await import('./merge-command.ts');
      return { usage: m.MERGE_USAGE, run: (argv, io) => m.mergeCommand(argv, io) };
    },
  },
  {
    name: 'portal-check',
    synopsis: 'portal-check --url U',
    summary: 'session, cookie, cache, storage and WCAG 2.2 AA checks of a portal in Chromium',
    load: async () => {
      const m = await import('../portal-check/command.ts');
      return { usage: m.PORTAL_CHECK_USAGE, run: (argv, io) => m.portalCheckCommand(argv, io) };
    },
  },
  {
    name: 'deadlines',
    synopsis: 'deadlines',
    summary: 'notification obligations and due dates for a breach (table, --json, --ics)',
    load: async () => {
      const m = await import('./deadlines-command.ts');
      return { usage: m.DEADLINES_USAGE, run: (argv, io) => m.deadlinesCommand(argv, io) };
    },
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
  try {
    const loaded = await command.load();
    if (beforeDoubleDash(rest).some((arg) => arg === '--help' || arg === '-h')) {
      io.stdout.write(loaded.usage);
      return EXIT.ok;
    }
    const registry = async () => (await import('../registry.ts')).createRegistry();
    return await loaded.run(rest, io, registry);
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
