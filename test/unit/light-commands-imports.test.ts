import { build, type Metafile } from 'esbuild';
import { expect, it } from 'vitest';

/**
 * `validate` and `list` load the catalog's definitions (ids, params schemas, conditions), not the
 * estate behind them: the request plumbing (msw and its cookie and URL stacks) and the patient
 * generator (faker) are a few megabytes that start-up would parse for nothing. Injectors import
 * them where they run (`apply`). `verify`, `merge`, `deadlines` and `keys` read run folders and
 * keys only, and are held to the same. This walks the static imports the bundler sees, as the CLI
 * build does, so a new top-level import that drags them back in fails here rather than in the bench.
 */
const HEAVY = [
  /^node_modules\/msw\//,
  /^node_modules\/@mswjs\//,
  /^node_modules\/@faker-js\//,
  /^src\/estate\/(estate|dispatch)\.ts$/,
];

async function staticImports(entries: string[]): Promise<Map<string, string | undefined>> {
  const result = await build({
    entryPoints: entries,
    bundle: true,
    write: false,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: 'unused',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs: Metafile['inputs'] = result.metafile.inputs;
  // Breadth-first from the entries, remembering who first reached each module, over static imports
  // only: a dynamic import() is loaded when its code runs.
  const reachedFrom = new Map<string, string | undefined>(entries.map((entry) => [entry, undefined]));
  const queue = [...entries];
  for (let module = queue.shift(); module !== undefined; module = queue.shift()) {
    for (const edge of inputs[module]?.imports ?? []) {
      if (edge.kind === 'dynamic-import' || edge.external || reachedFrom.has(edge.path)) continue;
      reachedFrom.set(edge.path, module);
      queue.push(edge.path);
    }
  }
  return reachedFrom;
}

/** The chain of imports that reaches each heavy module, for a failure message that says where to cut. */
async function heavyChains(entries: string[]): Promise<string[]> {
  const reachedFrom = await staticImports(entries);
  const chains: string[] = [];
  for (const module of reachedFrom.keys()) {
    if (!HEAVY.some((pattern) => pattern.test(module))) continue;
    const chain: string[] = [];
    for (let at: string | undefined = module; at !== undefined; at = reachedFrom.get(at)) chain.unshift(at);
    // One chain per entry into a heavy package is enough; its own files follow from it.
    if (!HEAVY.some((pattern) => pattern.test(chain.at(-2) ?? ''))) chains.push(chain.join(' > '));
  }
  return chains;
}

it('validate, list and the evidence commands reach neither the request plumbing nor the patient generator', async () => {
  const chains = await heavyChains([
    'src/cli/validate-command.ts',
    'src/cli/list-command.ts',
    'src/registry.ts',
    'src/cli/verify-command.ts',
    'src/cli/merge-command.ts',
    'src/cli/deadlines-command.ts',
    'src/cli/keys-command.ts',
  ]);
  expect(chains).toEqual([]);
}, 30_000);

it('finds them when a module does import them', async () => {
  const chains = await heavyChains(['src/estate/estate.ts']);
  expect(chains.some((chain) => chain.endsWith('node_modules/msw/lib/core/index.js'))).toBe(true);
  expect(chains.some((chain) => /node_modules\/@faker-js\/faker\/dist\/index\.js$/.test(chain))).toBe(true);
}, 30_000);
