import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tabletopCommand } from '../../src/cli/tabletop-command.ts';
import { createRegistry } from '../../src/registry.ts';
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

describe('phi-drill tabletop on a terminal too small for the drill screen', () => {
  it.each([
    [79, 40],
    [120, 23],
  ])('refuses %i×%i with exit 2, naming the size it needs', async (columns, rows) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (chunk) => {
      said += chunk;
    });
    const io = { stdout, stderr, isTTY: true, stdinIsTTY: true, columns, rows, env: {}, cwd: process.cwd() };
    expect(await tabletopCommand(['portal-session-reuse'], io, createRegistry())).toBe(2);
    expect(said).toBe(
      `phi-drill tabletop needs a terminal of at least 80×24; this one is ${columns}×${rows}. Enlarge the window (or zoom out) and start again.\n`,
    );
  });
});
