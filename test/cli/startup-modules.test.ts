import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI_BUILD } from '../../scripts/build-cli.ts';

/** Packages a quick command must never load: each costs tens to hundreds of milliseconds. */
const HEAVY = ['ink', 'react', 'mailparser', 'smtp-server', 'playwright-core', '@playwright/test'];

// Prints every package a process resolves (first path segment under node_modules) to stderr.
const RECORD_PACKAGES = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
import { writeSync } from 'node:fs';
registerHooks({ resolve(specifier, context, next) {
  const result = next(specifier, context);
  const found = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(result.url);
  if (found) writeSync(2, 'package-loaded ' + found[1] + '\\n');
  return result;
} });`)}`;

function packagesLoaded(args: string[]): { status: number | null; packages: Set<string> } {
  const result = spawnSync(process.execPath, ['--import', RECORD_PACKAGES, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const packages = new Set([...result.stderr.matchAll(/^package-loaded (\S+)$/gm)].map((match) => match[1]!));
  return { status: result.status, packages };
}

let built: string;
let builtMain: string;
beforeAll(async () => {
  // Inside the project, so the bundle's bare imports resolve from its node_modules as dist/cli's do.
  await mkdir('dist', { recursive: true });
  built = await mkdtemp(join(process.cwd(), 'dist', 'test-build-'));
  await buildCli({ root: process.cwd(), ...CLI_BUILD, outdir: join(built, 'cli') });
  // A one-line entry that runs the bundled main as the bin does, from the build just made.
  builtMain = join(built, 'run.mjs');
  await writeFile(
    builtMain,
    `const { main } = await import(${JSON.stringify(pathToFileURL(join(built, 'cli', 'main.js')).href)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
}, 60_000);
afterAll(async () => {
  await rm(built, { recursive: true, force: true });
});

describe('start-up loads only what the command needs', () => {
  it('the built --version loads no package at all', () => {
    const { status, packages } = packagesLoaded([builtMain, '--version']);
    expect(status).toBe(0);
    expect([...packages]).toEqual([]);
  });

  for (const args of [['--version'], ['validate', 'scenarios/api-flood.yaml']]) {
    it(`phi-drill ${args.join(' ')} loads none of the heavy packages, built or from source`, () => {
      for (const entry of [builtMain, 'bin/phi-drill.mjs']) {
        const { status, packages } = packagesLoaded([entry, ...args]);
        expect(status).toBe(0);
        expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
      }
    });
  }

  it('notices a command that does load one (the tabletop loads Ink)', () => {
    const { status, packages } = packagesLoaded([builtMain, 'tabletop', '--help']);
    expect(status).toBe(0);
    expect(packages.has('ink')).toBe(true);
  });
});
