import { readFile, writeFile } from 'node:fs/promises';
import { scenarioRefs } from '../src/registry.ts';
import { scenarioJsonSchema } from '../src/scenario/json-schema.ts';
import { targetJsonSchema } from '../src/target/json-schema.ts';

/**
 * Regenerates the JSON Schemas editors use (scenarios/schema.json from the registries,
 * examples/target.schema.json from the target schema). `--check` writes nothing and fails on drift.
 */
const files: Array<[URL, Record<string, unknown>]> = [
  [new URL('../scenarios/schema.json', import.meta.url), scenarioJsonSchema(scenarioRefs)],
  [new URL('../examples/target.schema.json', import.meta.url), targetJsonSchema()],
];
for (const [file, schema] of files) {
  const fresh = `${JSON.stringify(schema, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== fresh) {
      process.stderr.write(`${file.pathname} is out of date: run \`npm run schema\`\n`);
      process.exitCode = 1;
    }
  } else {
    await writeFile(file, fresh);
    process.stdout.write(`wrote ${file.pathname}\n`);
  }
}
