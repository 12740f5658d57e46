// Loads a CLI entry from the ahead-of-time build when it is fresh, else from source through tsx.
// Plain JavaScript: this file runs before any TypeScript loader exists.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);

/** Entry name → its source, the one source of truth the build is made from. */
const SOURCES = { main: 'src/cli/main.ts', 'drill-worker': 'src/run/drill-worker.ts' };

/**
 * The build may run only if every file it was made from is unchanged (same size and mtime), so an
 * edit, a checkout or a pull without a rebuild falls back to the sources instead of running stale
 * code. Checking costs one stat per source file (a few milliseconds), far less than a TypeScript loader.
 */
export function freshBuild(root = ROOT, outdir = 'dist/cli') {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL(`${outdir}/manifest.json`, root), 'utf8'));
  } catch {
    return undefined;
  }
  const base = fileURLToPath(root);
  for (const [path, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
    const info = statSync(base + path, { throwIfNoEntry: false });
    if (!info || info.mtimeMs !== mtimeMs || info.size !== size) return undefined;
  }
  return { entries: manifest.entries, folder: new URL(`${outdir}/`, root) };
}

export async function loadEntry(name) {
  const build = freshBuild();
  if (build) {
    // Stack traces point at src/, not at the bundle, when a bug report asks for them (--debug):
    // reading the maps costs start-up time every other run would pay for nothing.
    if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
    return import(new URL(build.entries[name], build.folder).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(new URL(SOURCES[name], ROOT).href);
}
