import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * Import boundaries and time discipline (STYLE.md habits 4 and 10), checked rather than hoped for:
 * lower layers never import higher ones, and nothing outside src/clock reads the system time.
 */
const FORBIDDEN: Record<string, string[]> = {
  'src/clock': [
    'src/synth',
    'src/telemetry',
    'src/estate',
    'src/inject',
    'src/controls',
    'src/run',
    'src/report',
    'src/cli',
    'src/tabletop',
    'src/tui',
  ],
  'src/synth': ['src/estate', 'src/inject', 'src/controls', 'src/run', 'src/report', 'src/cli'],
  'src/telemetry': ['src/estate', 'src/inject', 'src/controls', 'src/run', 'src/report', 'src/cli'],
  'src/estate': ['src/inject', 'src/controls', 'src/run', 'src/report', 'src/cli'],
  'src/controls': ['src/inject', 'src/run', 'src/report', 'src/cli'],
  'src/inject': ['src/controls', 'src/run', 'src/report', 'src/cli'],
  'src/evidence': ['src/estate', 'src/inject', 'src/run/execute.ts', 'src/report', 'src/cli'],
  'src/report': ['src/estate', 'src/inject', 'src/controls/define.ts', 'src/run/execute.ts', 'src/cli'],
  'src/tabletop': ['src/estate', 'src/inject', 'src/cli', 'src/tui'],
  // Screens render a session's view and call its controls; they never reach into the run.
  'src/tui': [
    'src/estate',
    'src/inject',
    'src/run',
    'src/evidence',
    'src/breach',
    'src/report',
    'src/cli',
    'src/tabletop/session.ts',
  ],
};
const TIME = /\bDate\.now\(|\bnew Date\(\)|(?<![.\w])setTimeout\(|(?<![.\w])setInterval\(/;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

const root = new URL('..', import.meta.url).pathname;
const problems: string[] = [];
for await (const file of files(join(root, 'src'))) {
  const name = relative(root, file);
  const text = await readFile(file, 'utf8');
  const layer = Object.keys(FORBIDDEN).find((prefix) => name.startsWith(`${prefix}/`));
  for (const match of text.matchAll(/from '(\.[^']+)'/g)) {
    const target = relative(root, join(file, '..', match[1]!));
    const banned =
      layer && FORBIDDEN[layer]!.find((prefix) => target === prefix || target.startsWith(`${prefix}/`));
    if (banned) problems.push(`${name}: imports ${target} (${layer} must not depend on ${banned})`);
  }
  if (!name.startsWith('src/clock/') && !name.endsWith('.test.ts')) {
    text.split('\n').forEach((line, index) => {
      if (TIME.test(line)) problems.push(`${name}:${index + 1}: reads system time; take a Clock instead`);
    });
  }
}
for (const problem of problems) process.stderr.write(`${problem}\n`);
if (problems.length > 0) process.exitCode = 1;
else process.stdout.write('boundaries: ok\n');
