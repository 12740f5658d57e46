import { readFile, writeFile } from 'node:fs/promises';
import { scenarioRefs } from '../src/registry.ts';
import { scenarioJsonSchema } from '../src/scenario/json-schema.ts';

/**
 * Regenerates scenarios/schema.json from the registries so editors complete what the code accepts.
 * `--check` writes nothing and fails when the committed file has drifted.
 */
const target = new URL('../scenarios/schema.json', import.meta.url);
const fresh = `${JSON.stringify(scenarioJsonSchema(scenarioRefs), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== fresh) {
    process.stderr.write('scenarios/schema.json is out of date: run `npm run schema`\n');
    process.exitCode = 1;
  }
} else {
  await writeFile(target, fresh);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
