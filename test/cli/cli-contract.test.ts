import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { CONTRACT_ROWS, contractFixtures, ONE_OF_TWO_SECRETS } from './contract-rows.ts';

/** `main` in this process, its output captured: the same routing and error handling as the bin. */
async function inProcess(argv: string[], env: Record<string, string> = {}, columns?: number) {
  const capture = () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk) => {
      text += chunk;
    });
    return { stream, text: () => text };
  };
  const stdout = capture();
  const stderr = capture();
  const code = await main(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    isTTY: false,
    columns,
    env: { ...process.env, NO_COLOR: '1', ...env },
    cwd: process.cwd(),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

let fixtures: Awaited<ReturnType<typeof contractFixtures>>;
beforeAll(async () => {
  fixtures = await contractFixtures();
});
afterAll(() => fixtures.close());

describe('the command-line contract', () => {
  it.each(CONTRACT_ROWS.map((row) => [row.name, row] as const))('%s', async (_, row) => {
    const result = await inProcess(row.args(fixtures), row.env);
    const output = row.stream === 'stdout' ? result.stdout : result.stderr;
    expect({ code: result.code, first: output.split('\n')[0] }).toEqual({
      code: row.code,
      first: expect.stringMatching(row.first),
    });
    expect(result.stderr).not.toMatch(/^\s+at /m);
    // Bounded, not a runaway: the largest legitimate output is the catalog as JSON.
    expect(result.stdout.length + result.stderr.length).toBeLessThan(64_000);
  });

  it('leaves no half-created run folder when a secret is missing', async () => {
    const out = join(fixtures.dir, 'secrets-left');
    const args = ['run', 'oauth-overscope', '--target', 'examples/target.yaml', '--out', out];
    expect((await inProcess(args, ONE_OF_TWO_SECRETS)).code).toBe(3);
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });

  it('counts the problems it does not show', async () => {
    const result = await inProcess(['validate', join(fixtures.dir, 'many.yaml')]);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((line) => /many\.yaml:\d+:\d+ /.test(line))).toHaveLength(20);
    expect(result.stdout).toMatch(/many\.yaml {2}\+46 more problem\(s\) not shown\n.*66 problems/);
  });

  it.each([80, 120])('fits list into %i columns, every summary whole', async (columns) => {
    const { stdout } = await inProcess(['list'], {}, columns);
    expect(stdout.split('\n').filter((line) => line.length > columns)).toEqual([]);
    const { injectors } = JSON.parse((await inProcess(['list', '--json'])).stdout) as {
      injectors: Array<{ summary: string }>;
    };
    for (const { summary } of injectors) expect(stdout.replace(/\s+/g, ' ')).toContain(summary);
  });

  it('prints the exit-code table in --help', async () => {
    const { stdout } = await inProcess(['--help']);
    expect(stdout).toContain('exit codes:');
    for (const code of ['0', '1', '2', '3', '4']) expect(stdout).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
  });
});
