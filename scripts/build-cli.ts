import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** What `bin/load-entry.mjs` reads to decide whether the build may run: every input with its size and mtime. */
export interface BuildManifest {
  /** Entry name → output file, relative to the build folder. */
  entries: Record<string, string>;
  /** Source path relative to the project root → [mtimeMs, size] when it was bundled. */
  inputs: Record<string, [number, number]>;
}

export interface BuildOptions {
  /** Project root: source paths in the manifest are relative to it. */
  root: string;
  /** Folder the build replaces as a whole (default `dist/cli`). */
  outdir: string;
  /** Entry name → source file relative to the root. */
  entryPoints: Record<string, string>;
  /** Files that shape the output without being imported (tsconfig.json: JSX settings). */
  alsoWatch?: string[];
  /**
   * Packages bundled in rather than loaded from node_modules: ones every command imports whose
   * hundreds of small modules cost more to load one by one than to parse as one chunk.
   */
  bundled?: string[];
}

export const CLI_BUILD: Omit<BuildOptions, 'root'> = {
  outdir: 'dist/cli',
  entryPoints: { main: 'src/cli/main.ts', 'drill-worker': 'src/run/drill-worker.ts' },
  // package-lock.json: a dependency upgrade changes what the bundled packages contain.
  alsoWatch: ['tsconfig.json', 'package-lock.json'],
  bundled: ['@faker-js/faker', 'zod', 'yaml', 'msw'],
};

/**
 * Bundles the CLI ahead of time so start-up pays for no TypeScript loader. Packages stay external
 * (loaded from node_modules as they are), and code splitting keeps every lazily imported command
 * in its own chunk, so `--version` still loads only what it needs. The output goes to a scratch
 * folder first and replaces the old build in one rename, so a concurrent start never sees half a build.
 */
export async function buildCli(options: BuildOptions): Promise<BuildManifest> {
  const outdir = resolve(options.root, options.outdir);
  const scratch = `${outdir}.${process.pid}.tmp`;
  await rm(scratch, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: options.root,
    entryPoints: options.entryPoints,
    outdir: scratch,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    external: externals(options.root, options.bundled ?? []),
    // Flat output: code that resolves files from its own URL (the worker entry, two folders up) finds
    // them from dist/cli/ as it does from src/<layer>/.
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    // A bundled CommonJS package (yaml) calls require(); ES modules have none, so each chunk makes one.
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);",
    },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs: BuildManifest['inputs'] = {};
  const sources = [...Object.keys(result.metafile.inputs), ...(options.alsoWatch ?? [])];
  for (const path of sources.filter((path) => !path.includes('node_modules/'))) {
    const info = await stat(join(options.root, path));
    inputs[path] = [info.mtimeMs, info.size];
  }
  const entries = Object.fromEntries(Object.keys(options.entryPoints).map((name) => [name, `${name}.js`]));
  const manifest: BuildManifest = { entries, inputs };
  await mkdir(scratch, { recursive: true });
  await writeFile(join(scratch, 'manifest.json'), `${JSON.stringify(manifest)}\n`);
  await rm(outdir, { recursive: true, force: true });
  await rename(scratch, outdir);
  return manifest;
}

/** Every dependency stays external (loaded at run time) except the bundled ones. */
function externals(root: string, bundled: readonly string[]): string[] {
  const path = join(root, 'package.json');
  if (!existsSync(path)) return [];
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const names = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  return [...names].filter((name) => !bundled.includes(name)).flatMap((name) => [name, `${name}/*`]);
}

if (import.meta.main) {
  const manifest = await buildCli({ root: process.cwd(), ...CLI_BUILD });
  process.stdout.write(
    `built ${CLI_BUILD.outdir} from ${Object.keys(manifest.inputs).length} source files\n`,
  );
}
