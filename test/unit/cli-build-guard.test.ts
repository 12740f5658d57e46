import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freshBuild } from '../../bin/load-entry.mjs';
import { buildCli } from '../../scripts/build-cli.ts';

let root: string;
const rootUrl = () => pathToFileURL(`${root}/`);
const build = () =>
  buildCli({ root, outdir: 'dist/cli', entryPoints: { main: 'src/main.ts' }, alsoWatch: ['tsconfig.json'] });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'phi-drill-guard-'));
  await mkdir(join(root, 'src'));
  await writeFile(join(root, 'tsconfig.json'), '{}\n');
  await writeFile(
    join(root, 'src/main.ts'),
    "import { word } from './word.ts';\nexport const said: string = word;\n",
  );
  await writeFile(join(root, 'src/word.ts'), "export const word = 'fresh';\n");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('runs a build whose every source is unchanged', async () => {
  await build();
  const found = freshBuild(rootUrl());
  expect(found?.entries).toEqual({ main: 'main.js' });
  const loaded = (await import(new URL(found!.entries.main!, found!.folder).href)) as { said: string };
  expect(loaded.said).toBe('fresh');
});

it('refuses a build once an imported source changes, until it is rebuilt', async () => {
  await build();
  await appendFile(join(root, 'src/word.ts'), "export const other = 'edit';\n");
  expect(freshBuild(rootUrl())).toBeUndefined();
  await build();
  expect(freshBuild(rootUrl())).toBeDefined();
});

it('refuses a build when a source is gone, the compiler settings change, or there is no build', async () => {
  expect(freshBuild(rootUrl())).toBeUndefined();
  await build();
  await writeFile(join(root, 'tsconfig.json'), '{ "compilerOptions": {} }\n');
  expect(freshBuild(rootUrl())).toBeUndefined();
  await build();
  await rm(join(root, 'src/word.ts'));
  expect(freshBuild(rootUrl())).toBeUndefined();
});
