import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cli-harness.ts';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function drill(scenario = 'scenarios/portal-session-reuse-browser.yaml') {
  const out = await mkdtemp(join(tmpdir(), 'phi-drill-kiosk-'));
  folders.push(out);
  const run = await cli(['run', scenario, '--patients', '100', '--out', out]);
  const [drillFolder] = readdirSync(out);
  return { run, folder: join(out, drillFolder!, 'portal-session-reuse-browser') };
}

/** The scorecard without the evidence line (run folder and wall time differ between runs). */
const scorecard = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => !line.startsWith('evidence:'))
    .join('\n');

describe('portal-session-reuse in a real Chromium (catalog scenario)', () => {
  it('detects the kiosk reuse, the same way twice, and keeps screenshots and a HAR that verify', async () => {
    const first = await drill();
    expect(first.run.code).toBe(0);
    expect(first.run.stdout).toMatch(/MET {2}detect-reuse .* portal-session-guard\/reuse-after-idle/);
    expect(first.run.stdout).toMatch(/MET {2}kill-session/);
    const second = await drill();
    expect(scorecard(second.run.stdout)).toBe(scorecard(first.run.stdout));

    const kept = readdirSync(join(first.folder, 'evidence', 'kiosk-reuse')).sort();
    expect(kept).toEqual([
      '01-patient-a-results.png',
      '02-patient-b-sees-a.png',
      '03-back-after-sign-out.png',
      'portal.har',
    ]);
    const har = JSON.parse(readFileSync(join(first.folder, 'evidence', 'kiosk-reuse', 'portal.har'), 'utf8'));
    const paths = har.log.entries.map(
      (entry: { request: { url: string } }) => new URL(entry.request.url).pathname,
    );
    expect(paths).toEqual(
      expect.arrayContaining(['/portal/login', '/portal/results', '/portal/messages', '/portal/logout']),
    );
    const report = readFileSync(join(first.folder, 'report.md'), 'utf8');
    expect(report).toContain('## Browser evidence');
    expect(report).toContain(
      "![Patient B opens the portal on the same kiosk and reads patient A's messages](evidence/kiosk-reuse/02-patient-b-sees-a.png)",
    );

    // No organisation key here: intact (every pinned file matches), signed with a throwaway key.
    const verify = await cli(['verify', first.folder]);
    expect(verify.stdout).toMatch(/^INTEGRITY ONLY/);
    expect(verify.code).toBe(4);
    expect(verify.stdout).toMatch(/files +\d+ file\(s\) match their SHA-256/);

    const shot = join(first.folder, 'evidence', 'kiosk-reuse', '02-patient-b-sees-a.png');
    writeFileSync(shot, Buffer.concat([readFileSync(shot), Buffer.from([0])]));
    const tampered = await cli(['verify', first.folder]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout + tampered.stderr).toMatch(
      /evidence\/kiosk-reuse\/02-patient-b-sees-a\.png: sha256 [0-9a-f]{64} does not match/,
    );
  });

  it('signs the kiosk patient in through the TOTP step when the portal asks for a code', async () => {
    const yaml = readFileSync('scenarios/portal-session-reuse-browser.yaml', 'utf8')
      .replace('# yaml-language-server: $schema=./schema.json\n', '')
      .replace('driver: browser }', 'driver: browser, mfa: totp }');
    const dir = await mkdtemp(join(tmpdir(), 'phi-drill-kiosk-mfa-'));
    folders.push(dir);
    const file = join(dir, 'portal-session-reuse-browser.yaml');
    writeFileSync(file, yaml);
    const { run, folder } = await drill(file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/MET {2}detect-reuse/);
    const har = JSON.parse(readFileSync(join(folder, 'evidence', 'kiosk-reuse', 'portal.har'), 'utf8'));
    const posted = har.log.entries
      .filter((entry: { request: { method: string } }) => entry.request.method === 'POST')
      .map((entry: { request: { url: string } }) => new URL(entry.request.url).pathname);
    expect(posted).toEqual(expect.arrayContaining(['/portal/login', '/portal/login/mfa']));
  });
});
