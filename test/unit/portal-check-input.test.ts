import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { portalCheckCommand } from '../../src/portal-check/command.ts';

let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function check(args: string[], env: Record<string, string> = {}) {
  const err: string[] = [];
  const code = await portalCheckCommand(args, {
    stdout: { write: () => true },
    stderr: { write: (chunk: string) => err.push(chunk) },
    env: { PHI_DRILL_CHROMIUM: 'off', ...env },
  });
  return { code, stderr: err.join('').split('\n')[0] };
}

describe('portal-check input (exit 2 with a reason, before any browser starts)', () => {
  it.each([
    [[], '--url is required'],
    [['--url', 'not a url'], '--url not a url is not a URL'],
    [['--url', 'ftp://127.0.0.1/portal'], '--url must be http(s), not ftp:'],
    [
      ['--url', 'https://portal.example.org/'],
      'portal.example.org is not allow-listed: pass --allow-host portal.example.org to check a non-loopback portal',
    ],
    [
      ['--url', 'http://127.0.0.1:1/', '--idle-wait', 'soon'],
      '--idle-wait takes a duration like 16m, 30s or 0 (got soon)',
    ],
    [
      ['--url', 'http://127.0.0.1:1/', '--lifetime-wait', 'forever'],
      '--lifetime-wait takes a duration like 13h, 30s or 0 (got forever)',
    ],
    [['--url', 'http://127.0.0.1:1/', '--max-pages', '0'], '--max-pages takes an integer 1-200'],
    [['--url', 'http://127.0.0.1:1/', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j', async (args, message) => {
    const { code, stderr } = await check(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('locates a bad sign-in recipe field', async () => {
    folder = await mkdtemp(join(tmpdir(), 'phi-drill-recipe-'));
    const recipe = join(folder, 'login.json');
    await writeFile(
      recipe,
      JSON.stringify({ username: { label: 'Email', env: 'portal user' }, password: { env: 'PW' } }),
    );
    const { code, stderr } = await check([
      '--url',
      'http://127.0.0.1:1/',
      '--login',
      recipe,
      '--idle-wait',
      '0',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${recipe}: username.env: an environment variable name like PORTAL_USER`);
  });

  it('locates a bad TOTP step in a recipe: the secret must come from a named variable', async () => {
    folder = await mkdtemp(join(tmpdir(), 'phi-drill-recipe-'));
    const recipe = join(folder, 'login.json');
    await writeFile(
      recipe,
      JSON.stringify({
        username: { env: 'PORTAL_USER' },
        password: { env: 'PORTAL_PASSWORD' },
        totp: { secret: 'JBSWY3DPEHPK3PXP', env: 'PORTAL_TOTP' },
      }),
    );
    const { code, stderr } = await check(['--url', 'http://127.0.0.1:1/', '--login', recipe]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${recipe}: totp: Unrecognized key: "secret"`);
  });

  it('says when no browser is available (exit 3)', async () => {
    const { code, stderr } = await check(['--url', 'http://127.0.0.1:1/', '--idle-wait', '0']);
    expect(code).toBe(3);
    expect(stderr).toBe('the browser is off (PHI_DRILL_CHROMIUM=off)');
  });
});
