import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { synthCommand } from '../../src/cli/synth-command.ts';
import { CSV_HEADER } from '../../src/synth/csv.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, text: () => text };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'phi-drill-synth-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], isTTY = false) {
  const stdout = capture();
  const stderr = capture();
  const code = await synthCommand(argv, { stdout: stdout.stream, stderr: stderr.stream, isTTY });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('phi-drill synth', () => {
  it('writes FHIR NDJSON to a file and reports on one plain line', async () => {
    const out = join(dir, 'patients.ndjson');
    const result = await run(['--patients', '30', '--seed', '5', '--format', 'fhir-ndjson', '--out', out]);
    expect(result.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines.filter((line) => line.includes('"resourceType":"Patient"'))).toHaveLength(30);
    expect(result.stderr).toBe(`synth: wrote 30 patients (seed 5, fhir-ndjson) to ${out}\n`);
    expect(result.stdout).toBe('');
  });

  it('writes the same bytes to a file and to stdout for the same seed', async () => {
    const out = join(dir, 'patients.csv');
    await run(['--patients', '12', '--seed', '9', '--format', 'csv', '--out', out]);
    const piped = await run(['--patients', '12', '--seed', '9', '--format', 'csv']);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(await readFile(out, 'utf8'));
    expect(piped.stdout.startsWith(CSV_HEADER.join(','))).toBe(true);
  });

  it('updates a carriage-return progress line at most ten times a second on a terminal', async () => {
    const out = join(dir, 'big.ndjson');
    const started = performance.now();
    const result = await run(['--patients', '10000', '--seed', '1', '--out', out], true);
    const elapsed = performance.now() - started;
    expect(result.code).toBe(0);
    const frames = result.stderr.match(/\rsynth: \d+\/10000 patients \(\d+%\)/g) ?? [];
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100));
    expect(result.stderr).toMatch(/\rsynth: wrote 10000 patients \(seed 1, fhir-ndjson\) to .*\n$/);
  });

  it.each([
    [['--patients', '10', '--bogus'], /Unknown option '--bogus'/],
    [['--patients', 'ten'], /--patients must be an integer/],
    [['--patients', '0'], /--patients must be an integer/],
    [['--patients', '10', '--seed', '-3'], /--seed/],
    [['--patients', '10', '--seed', '4294967296'], /--seed must be an integer/],
    [['--patients', '10', '--format', 'xml'], /--format must be one of fhir-ndjson, csv/],
    [['--seed', '1'], /--patients is required/],
    [['--patients', '10', 'extra'], /positional/],
  ])('rejects %j with exit code 2 and a message on stderr', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('usage: phi-drill synth');
    expect(result.stdout).toBe('');
  });

  it('returns 1 with a message when the file cannot be written', async () => {
    const result = await run(['--patients', '2', '--out', join(dir, 'missing', 'x.ndjson')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/writing failed: .*ENOENT/);
  });

  it('prints usage for --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--patients');
  });
});
