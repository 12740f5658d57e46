import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WEAK_PORTAL } from '../../src/estate/portal/postures.ts';
import type { CheckResult } from '../../src/portal-check/checks.ts';
import { portalCheckCommand } from '../../src/portal-check/command.ts';
import { captureIo, type PortalRig, servePortal } from './portal-rig.ts';

let rig: PortalRig | undefined;
let folder: string | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function check(args: string[]) {
  const run = captureIo(rig!.env);
  const code = await portalCheckCommand(['--url', rig!.loginUrl, '--json', ...args], run.io);
  const report =
    code <= 1 ? (JSON.parse(run.stdout()) as { results: CheckResult[]; pagesVisited: string[] }) : undefined;
  return { code, report, stderr: run.stderr() };
}

const findings = (results: readonly CheckResult[]) => results.filter((row) => row.status === 'finding');

describe('portal-check against the estate portal on loopback', () => {
  it('finds nothing on the secure posture, idle timeout included, and exits 0', async () => {
    rig = await servePortal({ idleTimeoutMs: 15_000 });
    const { code, report, stderr } = await check(['--idle-wait', '17s', '--max-pages', '8']);
    expect(findings(report!.results).map((row) => `${row.id}: ${row.detail}`)).toEqual([]);
    expect(code).toBe(0);
    expect(report!.results.filter((row) => row.status !== 'pass').map((row) => row.id)).toEqual([
      'absolute-lifetime',
    ]);
    expect(report!.pagesVisited.map((url) => new URL(url).pathname)).toEqual(
      expect.arrayContaining([
        '/portal/home',
        '/portal/results',
        '/portal/messages',
        '/portal/emergency-contact',
      ]),
    );
    expect(stderr).toContain('this check takes at least 17s');
  });

  it('finds every weakness of the weak posture with its citation, exits 1, and writes JUnit and HTML', async () => {
    rig = await servePortal(WEAK_PORTAL);
    folder = await mkdtemp(join(tmpdir(), 'phi-drill-portal-check-'));
    const junit = join(folder, 'portal.xml');
    const html = join(folder, 'portal.html');
    const { code, report } = await check([
      '--idle-wait',
      '3s',
      '--max-pages',
      '8',
      '--junit',
      junit,
      '--html',
      html,
    ]);
    expect(code).toBe(1);
    const found = Object.fromEntries(findings(report!.results).map((row) => [row.id, row.cites]));
    expect(found).toEqual({
      'session-rotated-on-sign-in': ['ASVS v5.0.0-7.2.4'],
      'session-ended-on-sign-out': ['ASVS v5.0.0-7.4.1', 'HIPAA 164.312(a)(1)'],
      'back-after-sign-out': ['ASVS v5.0.0-7.4.1', 'ASVS v5.0.0-14.3.2'],
      'idle-timeout': ['ASVS v5.0.0-7.3.1', 'HIPAA 164.312(a)(2)(iii)'],
      'cookie-secure': ['ASVS v5.0.0-3.3.1', 'HIPAA 164.312(e)(1)'],
      'cookie-httponly': ['ASVS v5.0.0-3.3.4'],
      'cookie-path': ['ASVS v5.0.0-3.3.3'],
      'no-store': ['ASVS v5.0.0-14.3.2', 'HIPAA 164.312(a)(1)'],
      'no-sensitive-data-in-url': ['ASVS v5.0.0-14.2.1'],
      'third-party-leak': ['ASVS v5.0.0-14.2.3', 'ASVS v5.0.0-3.4.5', 'HIPAA 164.312(e)(1)'],
      'browser-storage': ['ASVS v5.0.0-14.3.3', 'ASVS v5.0.0-14.3.1'],
      'autocomplete-sensitive': ['ASVS v5.0.0-14.3.1'],
      'keyboard-path': ['WCAG 2.2 SC 2.1.1'],
      'wcag:label': ['WCAG 2.2 SC 4.1.2'],
      'wcag:select-name': ['WCAG 2.2 SC 4.1.2'],
      'wcag:target-size': ['WCAG 2.2 SC 2.5.8'],
    });
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('failures="16"');
    expect(xml).toContain('name="idle-timeout (ASVS v5.0.0-7.3.1, HIPAA 164.312(a)(2)(iii))"');
    expect(await readFile(html, 'utf8')).toContain('<section id="portal-check">');
  });

  it('absolute lifetime, opt-in: a session kept busy past it is a finding only where the portal has none', async () => {
    const lifetime = (results: readonly CheckResult[]) =>
      results.find((row) => row.id === 'absolute-lifetime')!;
    const quick = ['--max-pages', '1', '--idle-wait', '0'];
    rig = await servePortal({ absoluteLifetimeMs: 6_000 });
    const secure = await check([...quick, '--lifetime-wait', '8s']);
    expect(lifetime(secure.report!.results)).toMatchObject({ status: 'pass' });
    expect(lifetime(secure.report!.results).detail).toMatch(/^signed out after [5-8] s of continuous use$/);
    expect(secure.stderr).toContain(
      'this check takes at least 8s: the absolute-lifetime check keeps a session busy for 8s (--lifetime-wait 0 skips it)',
    );
    await rig.close();
    rig = await servePortal(WEAK_PORTAL);
    const weak = await check([...quick, '--lifetime-wait', '3s']);
    expect(weak.code).toBe(1);
    expect(lifetime(weak.report!.results)).toMatchObject({
      status: 'finding',
      cites: ['ASVS v5.0.0-7.3.2', 'HIPAA 164.312(a)(2)(iii)'],
      detail: 'still signed in at /portal/home after 3 s of continuous use (a page every 0.6 s)',
    });
  });

  it('signs in through a TOTP second step with the secret from the environment', async () => {
    rig = await servePortal({ mfa: 'totp' });
    folder = await mkdtemp(join(tmpdir(), 'phi-drill-portal-mfa-'));
    const recipe = join(folder, 'recipe.json');
    const fields = {
      username: { label: 'Username', env: 'PHI_DRILL_PORTAL_USER' },
      password: { label: 'Password', env: 'PHI_DRILL_PORTAL_PASSWORD' },
      signedIn: { urlIncludes: '/portal/home' },
    };
    await writeFile(recipe, JSON.stringify({ ...fields, totp: { env: 'PHI_DRILL_PORTAL_TOTP' } }));
    const quick = ['--max-pages', '1', '--idle-wait', '0', '--login', recipe];
    const signedIn = await check(quick);
    expect(signedIn.stderr).toContain('signed in; landed on /portal/home');
    expect(signedIn.code).toBe(0);
    rig.env.PHI_DRILL_PORTAL_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const wrongSecret = await check(quick);
    expect(wrongSecret.code).toBe(2);
    expect(wrongSecret.stderr).toContain('the portal said "That code is not right.');
    await writeFile(recipe, JSON.stringify(fields));
    const noSecondStep = await check(quick);
    expect(noSecondStep.code).toBe(2);
    expect(noSecondStep.stderr).toMatch(/^sign-in did not work at http:\/\/127\.0\.0\.1:\d+\/portal\/login/);
  });

  it('says clearly when sign-in fails, and exits 2', async () => {
    rig = await servePortal();
    rig.env.PHI_DRILL_PORTAL_PASSWORD = 'not-the-password';
    const { code, stderr } = await check(['--idle-wait', '0']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^sign-in did not work at http:\/\/127\.0\.0\.1:\d+\/portal\/login: the portal said "Username or password is incorrect\."/,
    );
  });
});
