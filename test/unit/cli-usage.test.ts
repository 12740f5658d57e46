import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseOrExplain, UsageError } from '../../src/cli/usage.ts';

function explain(parse: () => unknown) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const parsed = parseOrExplain('run', 'usage: phi-drill run …\n', parse, io);
  return { parsed, stdout, stderr };
}

const options = { seed: { type: 'string' } } as const;

describe('command-line mistakes', () => {
  it('an unknown option is a usage error (exit 2), without the stack or the advice about --', () => {
    const result = explain(() => parseArgs({ args: ['--sede', '3'], options, allowPositionals: true }));
    expect(result.parsed).toEqual({ ok: false, exitCode: 2 });
    expect(result.stderr).toBe("phi-drill run: Unknown option '--sede'\nusage: phi-drill run …\n");
  });

  it('an option missing its value is a usage error too', () => {
    const result = explain(() => parseArgs({ args: ['--seed'], options }));
    expect(result.parsed).toEqual({ ok: false, exitCode: 2 });
    expect(result.stderr).toMatch(/^phi-drill run: Option '--seed <value>' argument missing\n/);
  });

  it("the command's own UsageError is explained the same way; --help prints the usage and exits 0", () => {
    expect(
      explain(() => {
        throw new UsageError('--seed must be a whole number');
      }).stderr,
    ).toBe('phi-drill run: --seed must be a whole number\nusage: phi-drill run …\n');
    expect(explain(() => 'help')).toEqual({
      parsed: { ok: false, exitCode: 0 },
      stdout: 'usage: phi-drill run …\n',
      stderr: '',
    });
  });

  it('anything else thrown is a bug and propagates', () => {
    expect(() =>
      explain(() => {
        throw new TypeError('cannot read properties of undefined');
      }),
    ).toThrow('cannot read properties of undefined');
  });
});
