import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The command-line contract a CI relies on, one row per case: the exit code (0 met, 1 missed,
 * 2 usage, 3 operational) and the first line the user sees. Run in-process by the default tier and
 * through the real bin by the end-to-end tier.
 */
export interface Row {
  name: string;
  args: (at: { dir: string; busyPort: number }) => string[];
  env?: Record<string, string>;
  code: number;
  first: RegExp;
  stream?: 'stdout' | 'stderr';
}

/** The files and the busy port the rows point at; `close` removes them. */
export async function contractFixtures(): Promise<{ dir: string; busyPort: number; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'phi-drill-contract-'));
  writeFileSync(join(dir, 'a-file'), 'not a folder\n');
  writeFileSync(join(dir, 'minimal-target.yaml'), 'id: minimal\n');
  writeFileSync(join(dir, 'alias.yaml'), 'id: alias\ntitle: *nope\n');
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 12; i += 1) {
    bomb.push(
      `b${i}: &b${i} [${Array(10)
        .fill(i === 0 ? '*a' : `*b${i - 1}`)
        .join(', ')}]`,
    );
  }
  writeFileSync(join(dir, 'bomb.yaml'), `${bomb.join('\n')}\n`);
  writeFileSync(
    join(dir, 'deep.yaml'),
    `${Array.from({ length: 2_500 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`,
  );
  writeFileSync(join(dir, 'garbage.yaml'), randomBytes(5 * 1024 * 1024));
  const many = Array.from({ length: 60 }, (_, i) => `unknown${i}: 1`);
  writeFileSync(join(dir, 'many.yaml'), `id: many\n${many.join('\n')}\n`);
  const busy: Server = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const busyPort = (busy.address() as { port: number }).port;
  return {
    dir,
    busyPort,
    async close() {
      await new Promise((resolve) => busy.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment of the secret rows: the webhook secret exported, the Splunk token not. */
export const ONE_OF_TWO_SECRETS = { PHI_DRILL_WEBHOOK_SECRET: 'x'.repeat(64), SPLUNK_HEC_TOKEN: '' };

export const CONTRACT_ROWS: Row[] = [
  {
    name: '--out naming a file',
    args: (at) => ['run', 'api-flood', '--out', join(at.dir, 'a-file')],
    code: 3,
    first: /^phi-drill run: cannot create the reports folder .*a-file.*\(ENOTDIR\); pass --out a folder/,
  },
  {
    name: '--out on a read-only file system',
    args: () => ['run', 'api-flood', '--out', '/sys/x'],
    code: 3,
    first: /^phi-drill run: cannot create the reports folder \/sys\/x\/.*; pass --out a folder/,
  },
  {
    name: "--out under /proc (Node's recursive mkdir spins there)",
    args: () => ['run', 'api-flood', '--out', '/proc/nope'],
    code: 3,
    first: /^phi-drill run: cannot create the reports folder \/proc\/nope\/.*\(ENOENT\)/,
  },
  {
    name: '--target naming a missing file',
    args: (at) => ['run', 'api-flood', '--target', join(at.dir, 'missing.yaml')],
    code: 2,
    first: /^phi-drill run: --target .*missing\.yaml: no such file/,
  },
  {
    name: "a sink secret's environment variable unset",
    args: (at) => [
      'run',
      'oauth-overscope',
      '--target',
      'examples/target.yaml',
      '--out',
      join(at.dir, 'secrets'),
    ],
    env: ONE_OF_TWO_SECRETS,
    code: 3,
    first:
      /^phi-drill run: examples\/target\.yaml needs environment variables that are not set: SPLUNK_HEC_TOKEN/,
  },
  {
    name: 'serve on a port out of range',
    args: () => ['serve', '--port', '99999'],
    code: 2,
    first: /^phi-drill serve: --port must be from 0 to 65535/,
  },
  {
    name: 'serve on a port in use',
    args: (at) => ['serve', '--port', String(at.busyPort)],
    code: 3,
    first: /^phi-drill serve: 127\.0\.0\.1:\d+: address already in use \(EADDRINUSE\); choose another port/,
  },
  {
    name: 'an unresolved alias',
    args: (at) => ['validate', join(at.dir, 'alias.yaml')],
    code: 2,
    first: /alias\.yaml:2:8 {2}yaml-syntax {2}\(root\) {2}alias \*nope has no complete anchor/,
    stream: 'stdout',
  },
  {
    name: 'an alias bomb',
    args: (at) => ['validate', join(at.dir, 'bomb.yaml')],
    code: 2,
    first: /bomb\.yaml:\d+:\d+ {2}yaml-limit {2}\(root\) {2}more than 50 aliases/,
    stream: 'stdout',
  },
  {
    name: 'block nesting 2,500 levels deep',
    args: (at) => ['run', join(at.dir, 'deep.yaml')],
    code: 2,
    first: /deep\.yaml:\d+:\d+ {2}yaml-limit {2}\(root\) {2}nested too deeply/,
  },
  {
    name: '5 MB of random bytes',
    args: (at) => ['validate', join(at.dir, 'garbage.yaml')],
    code: 2,
    first: /garbage\.yaml:\d+:\d+ {2}not-text {2}\(root\) {2}not a text file/,
    stream: 'stdout',
  },
  {
    name: 'a file with 60 problems shows 20 and counts the rest',
    args: (at) => ['validate', join(at.dir, 'many.yaml')],
    code: 2,
    first: /many\.yaml:\d+:\d+ {2}\S+/,
    stream: 'stdout',
  },
  {
    name: '--confirm with a typo of a manual expectation',
    args: () => ['run', 'api-flood', '--confirm', 'partner-contact@30m'],
    code: 2,
    first:
      /^phi-drill run: --confirm partner-contact: no manual expectation .*; manual expectations: partner-contacted$/,
  },
  {
    name: '--confirm naming an expectation judged from evidence',
    args: () => ['run', 'api-flood', '--confirm', 'detect-rate-anomaly@5m'],
    code: 2,
    first: /^phi-drill run: --confirm detect-rate-anomaly: "detect-rate-anomaly" is a detect expectation/,
  },
  {
    name: 'run takes a scenario id',
    args: (at) => ['run', 'api-flood', '--target', join(at.dir, 'minimal-target.yaml'), '--plan'],
    code: 0,
    first: /^Target minimal$/,
    stream: 'stdout',
  },
  {
    name: 'run names the ids it knows when given an unknown one',
    args: () => ['run', 'api-flod'],
    code: 2,
    first:
      /^phi-drill run: no scenario file, folder or id "api-flod" \(ids in scenarios: ([a-z0-9-]+, )*api-flood, /,
  },
  {
    name: 'list prints its table when piped',
    args: () => ['list'],
    code: 0,
    first: /^Leak patterns \(\d+\)$/,
    stream: 'stdout',
  },
  {
    name: 'list --json prints JSON',
    args: () => ['list', '--json'],
    code: 0,
    first: /^\{$/,
    stream: 'stdout',
  },
  {
    name: 'an unknown command',
    args: () => ['rnu'],
    code: 2,
    first: /^phi-drill: unknown command "rnu"$/,
  },
  {
    name: 'the exit codes are in --help',
    args: () => ['--help'],
    code: 0,
    first: /^phi-drill \S+ — rehearse PHI leaks/,
    stream: 'stdout',
  },
  ...['run', 'tabletop', 'msel', 'validate', 'list', 'synth', 'serve', 'verify', 'deadlines'].map(
    (command): Row => ({
      name: `${command} --help`,
      args: () => [command, '--help'],
      code: 0,
      first: new RegExp(`^usage: phi-drill ${command}\\b`),
      stream: 'stdout',
    }),
  ),
];
