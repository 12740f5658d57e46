import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshReadme } from '../../scripts/write-readme.ts';
import { scenarioRefs } from '../../src/registry.ts';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.ts';
import { targetJsonSchema } from '../../src/target/json-schema.ts';

describe('generated documentation is current', () => {
  it('scenarios/schema.json matches the registries (run `npm run schema`)', () => {
    const committed = readFileSync('scenarios/schema.json', 'utf8');
    expect(committed).toBe(`${JSON.stringify(scenarioJsonSchema(scenarioRefs), null, 2)}\n`);
  });

  it('examples/target.schema.json matches the target schema (run `npm run schema`)', () => {
    const committed = readFileSync('examples/target.schema.json', 'utf8');
    expect(committed).toBe(`${JSON.stringify(targetJsonSchema(), null, 2)}\n`);
  });

  it('the generated README tables (catalog, tabletop keys) match the code (run `npm run readme`)', async () => {
    const { current, fresh } = await freshReadme(new URL('../../', import.meta.url));
    expect(current).toBe(fresh);
  });
});
