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

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** The catalog scenario with its inject's params rewritten (`from` → `to` in the YAML). */
async function variant(id: string, from: string, to: string): Promise<string> {
  const yaml = readFileSync(`scenarios/${id}.yaml`, 'utf8')
    .replace('# yaml-language-server: $schema=./schema.json\n', '')
    .replace(from, to);
  expect(yaml).toContain(to);
  const file = join(await tempDir('phi-drill-variant-'), `${id}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

async function drill(id: string, extra: string[] = [], file = `scenarios/${id}.yaml`) {
  const out = await tempDir('phi-drill-browser-leak-');
  const run = await cli(['run', file, '--patients', '100', '--out', out, ...extra]);
  const [drillFolder] = readdirSync(out);
  const folder = join(out, drillFolder!, id);
  const ledger = readFileSync(join(folder, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; signal?: { control: string } });
  return {
    run,
    folder,
    evidence: (inject: string, name = '') => join(folder, 'evidence', inject, name),
    signalsFrom: (control: string) =>
      ledger.filter((entry) => entry.kind === 'signal' && entry.signal?.control === control).length,
    exposures: ledger.filter((entry) => entry.kind === 'exposure').length,
  };
}

/** The scorecard without the evidence line (run folder and wall time differ between runs). */
const scorecard = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => !line.startsWith('evidence:'))
    .join('\n');

/**
 * The catalog drill run twice: the first passes with the given scorecard lines, and the second's
 * scorecard is the same: a drill in a real browser must come out the same every time. Returns the first.
 */
async function passesTheSameTwice(id: string, lines: readonly RegExp[]) {
  const first = await drill(id);
  expect(first.run.code).toBe(0);
  for (const line of lines) expect(first.run.stdout).toMatch(line);
  const second = await drill(id);
  expect(scorecard(second.run.stdout)).toBe(scorecard(first.run.stdout));
  return first;
}

describe('phi-in-url-browser: a shared computer in a real Chromium', () => {
  const id = 'phi-in-url-browser';
  const inject = 'shared-pc-finder';

  it('detects the Referer and the URL, the same way twice, keeps history screenshots and a HAR, and verify catches a changed one', async () => {
    const first = await passesTheSameTwice(id, [
      /MET {2}detect-referer .* url-phi-scanner\/phi-in-referer/,
      /MET {2}finder-back-to-post/,
    ]);

    expect(readdirSync(first.evidence(inject)).sort()).toEqual([
      '01-patient-1-searches.png',
      '02-patient-2-back-shows-patient-1.png',
      '03-patient-2-searches.png',
      '04-patient-3-back-shows-patient-2.png',
      '05-patient-3-searches.png',
      'portal.har',
    ]);
    const har = JSON.parse(readFileSync(first.evidence(inject, 'portal.har'), 'utf8'));
    type Entry = { request: { url: string; headers: Array<{ name: string; value: string }> } };
    const toVendor = har.log.entries.filter(
      (entry: Entry) => new URL(entry.request.url).hostname === 'analytics.example.net',
    );
    const referers = toVendor.flatMap((entry: Entry) =>
      entry.request.headers.filter((h) => h.name.toLowerCase() === 'referer').map((h) => h.value),
    );
    expect(referers.some((referer: string) => /[?&]mrn=ZZTEST-/.test(referer))).toBe(true);

    const report = readFileSync(join(first.folder, 'report.md'), 'utf8');
    expect(report).toContain(`(evidence/${inject}/02-patient-2-back-shows-patient-1.png)`);
    const verify = await cli(['verify', first.folder]);
    expect(verify.stdout).toMatch(/files +\d+ file\(s\) match their SHA-256/);

    const shot = first.evidence(inject, '02-patient-2-back-shows-patient-1.png');
    writeFileSync(shot, Buffer.concat([readFileSync(shot), Buffer.from([0])]));
    const tampered = await cli(['verify', first.folder]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout + tampered.stderr).toMatch(
      /02-patient-2-back-shows-patient-1\.png: sha256 [0-9a-f]{64} does not match/,
    );
  });

  it('misses the detection and the containment with url-phi-scanner off', async () => {
    const off = await drill(id, ['--disable-control', 'url-phi-scanner']);
    expect(off.run.code).toBe(1);
    expect(off.run.stdout).toMatch(/MISS detect-referer/);
    expect(off.run.stdout).toMatch(/MISS finder-back-to-post/);
    expect(off.exposures).toBeGreaterThan(0);
  });

  it('leaks nothing and raises nothing when the release keeps the form on POST', async () => {
    const file = await variant(id, 'driver: browser }', 'driver: browser, method: post }');
    const fixed = await drill(id, [], file);
    expect(fixed.run.stdout).toMatch(/MISS detect-referer .* no signal/);
    expect(fixed.signalsFrom('url-phi-scanner')).toBe(0);
    expect(fixed.exposures).toBe(0);
  });
});

describe('portal-storage-residue: a shared device in a real Chromium', () => {
  const id = 'portal-storage-residue';
  const inject = 'tablet-residue';
  const held = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;

  it("shows the next person the previous patient's profile, detects it, clears the device, the same way twice", async () => {
    const first = await passesTheSameTwice(id, [
      /MET {2}detect-stale-profile .* client-storage-monitor\/stale-profile-on-device/,
      /MET {2}clear-devices/,
    ]);

    expect(readdirSync(first.evidence(inject)).sort()).toEqual([
      '01-patient-a-dashboard.png',
      '02-storage-when-b-arrives.json',
      '03-patient-b-greeted-with-a.png',
      '04-storage-on-next-load.json',
      '05-next-load.png',
      'portal.har',
    ]);
    expect(held(first.evidence(inject, '02-storage-when-b-arrives.json'))['portal.profile']).toMatch(
      /"mrn":"ZZTEST-\d+"/,
    );
    // Clear-Site-Data on the next signed-out load reached the device.
    expect(held(first.evidence(inject, '04-storage-on-next-load.json'))).toEqual({});

    const snapshot = first.evidence(inject, '02-storage-when-b-arrives.json');
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').replace(/ZZTEST-\d+/, 'ZZTEST-00000000'));
    const tampered = await cli(['verify', first.folder]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout + tampered.stderr).toMatch(
      /02-storage-when-b-arrives\.json: sha256 .* does not match/,
    );
  });

  it('misses detection and containment with client-storage-monitor off, and the profile stays on the device', async () => {
    const off = await drill(id, ['--disable-control', 'client-storage-monitor']);
    expect(off.run.code).toBe(1);
    expect(off.run.stdout).toMatch(/MISS detect-stale-profile/);
    expect(off.run.stdout).toMatch(/MISS clear-devices/);
    expect(held(off.evidence(inject, '04-storage-on-next-load.json'))['portal.profile']).toBeDefined();
  });

  it('signs both patients in through the TOTP step when the portal asks for a code', async () => {
    const file = await variant(id, 'params: { nextAfter: 20m }', 'params: { nextAfter: 20m, mfa: totp }');
    const withMfa = await drill(id, [], file);
    expect(withMfa.run.code).toBe(0);
    const har = JSON.parse(readFileSync(withMfa.evidence(inject, 'portal.har'), 'utf8'));
    const posted = har.log.entries
      .filter((entry: { request: { method: string } }) => entry.request.method === 'POST')
      .map((entry: { request: { url: string } }) => new URL(entry.request.url).pathname);
    expect(posted.filter((path: string) => path === '/portal/login/mfa')).toHaveLength(2);
  });

  it('leaves nothing and raises nothing when the portal does not cache the profile', async () => {
    const file = await variant(
      id,
      'params: { nextAfter: 20m }',
      'params: { nextAfter: 20m, profileCache: false }',
    );
    const fixed = await drill(id, [], file);
    expect(fixed.run.stdout).toMatch(/MISS detect-stale-profile .* no signal/);
    expect(fixed.signalsFrom('client-storage-monitor')).toBe(0);
    expect(fixed.exposures).toBe(0);
    expect(held(fixed.evidence(inject, '02-storage-when-b-arrives.json'))).toEqual({});
  });
});
