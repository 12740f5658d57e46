import { describe, expect, it } from 'vitest';
import { describeFailure, OperationalError } from '../../src/cli/failure.ts';
import { UsageError } from '../../src/cli/usage.ts';

describe('describeFailure', () => {
  it('turns a usage mistake into exit 2 and one line', () => {
    expect(describeFailure('run', new UsageError('--jobs takes a number'), false)).toEqual({
      exitCode: 2,
      line: 'phi-drill run: --jobs takes a number',
    });
  });

  it('says what is wrong and how to fix it for an operational failure (exit 3)', () => {
    const failure = describeFailure('run', new OperationalError('cannot write x', 'pass --out y'), false);
    expect(failure).toEqual({ exitCode: 3, line: 'phi-drill run: cannot write x; pass --out y' });
  });

  it('explains system errors by their code and path, never as a stack', () => {
    const error = Object.assign(new Error('EACCES: permission denied, open /etc/x'), {
      code: 'EACCES',
      path: '/etc/x',
    });
    const failure = describeFailure('synth', error, false);
    expect(failure.exitCode).toBe(3);
    expect(failure.line).toBe(
      'phi-drill synth: /etc/x: permission denied (EACCES); choose a path you can write, or fix its permissions',
    );
  });

  it('reports a bug as exit 3, not the "missed" 1, and offers --debug', () => {
    const failure = describeFailure('run', new TypeError('x is undefined\nmore'), false);
    expect(failure).toEqual({
      exitCode: 3,
      line: 'phi-drill run: internal error: x is undefined (run again with --debug for the stack trace, and report it)',
    });
  });

  it('appends the stack with --debug', () => {
    const failure = describeFailure('run', new TypeError('x is undefined'), true);
    expect(failure.line.split('\n')[0]).toBe('phi-drill run: internal error: x is undefined');
    expect(failure.line).toMatch(/\n\s*TypeError: x is undefined\n\s+at /);
  });
});
