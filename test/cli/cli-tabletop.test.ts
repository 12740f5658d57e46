import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';

describe('phi-drill tabletop without a terminal', () => {
  it('refuses cleanly (exit 2) and points to phi-drill run', async () => {
    const result = await cli(['tabletop', 'portal-session-reuse']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('needs an interactive terminal');
    expect(result.stderr).toContain('phi-drill run <scenario>');
  });

  it('explains its options on --help and rejects bad ones with the usage', async () => {
    const help = await cli(['tabletop', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--resume FOLDER');
    const bad = await cli(['tabletop', 'a', 'b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('one scenario at a time');
    const both = await cli(['tabletop', 'x', '--resume', 'reports/y']);
    expect(both.stderr).toContain('--resume takes the run folder');
  });
});
