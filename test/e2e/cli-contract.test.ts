import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cli-harness.ts';
import { CONTRACT_ROWS, contractFixtures } from '../cli/contract-rows.ts';

let fixtures: Awaited<ReturnType<typeof contractFixtures>>;
beforeAll(async () => {
  fixtures = await contractFixtures();
});
afterAll(() => fixtures.close());

/** The same rows through the real bin in its own process: the exit status a shell and a CI see. */
describe('the command-line contract, through the real bin', () => {
  it.each(CONTRACT_ROWS.map((row) => [row.name, row] as const))('%s', async (_, row) => {
    const result = await cli(row.args(fixtures), row.env);
    const output = row.stream === 'stdout' ? result.stdout : result.stderr;
    expect({ code: result.code, first: output.split('\n')[0] }).toEqual({
      code: row.code,
      first: expect.stringMatching(row.first),
    });
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
