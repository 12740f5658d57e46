import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../src/cli/verify-command.ts';
import { listFiles } from '../../src/evidence/pin-files.ts';
import { signLedger } from '../../src/evidence/sign.ts';
import { SIGNING_KEY_ENV } from '../../src/evidence/signing-key.ts';
import { TRUST_FORMAT } from '../../src/evidence/trust.ts';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { buildReport, evidenceFromVerify } from '../../src/report/model.ts';
import { closeDrill } from '../../src/run/close-drill.ts';
import { drill } from '../integration/drill-harness.ts';
import { orgKey, throwawayKey } from '../unit/evidence-keys.ts';
import { flipByte, readEntries, readJson, resign, writeChain } from './forge.ts';

const org = orgKey();
let root: string;
let honest: string;
let trustFile: string;

async function verify(folder: string) {
  let stdout = '';
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stdout += t) },
  };
  const code = await verifyCommand([folder, '--trust', trustFile], io);
  return { code, stdout };
}

/** A fresh copy of the honest run for one forgery. */
function copy(name: string): string {
  const folder = join(root, name);
  cpSync(honest, folder, { recursive: true });
  return folder;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'phi-drill-forgery-'));
  trustFile = join(root, 'trust.json');
  writeFileSync(trustFile, JSON.stringify({ format: TRUST_FORMAT, keys: [org.trusted] }));
  // A run a control misses, so there is a verdict worth forging.
  const run = await drill('portal-session-reuse', {
    patients: 100,
    disabledControls: ['portal-session-guard'],
    env: { [SIGNING_KEY_ENV]: org.pem, HOME: root },
  });
  expect(run.exitCode).toBe(1);
  honest = run.folder;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('forged evidence never verifies', () => {
  it('the honest run verifies against the trust file (exit 0)', async () => {
    const result = await verify(honest);
    expect(result.stdout).toMatch(/^VERIFIED /);
    expect(result.code).toBe(0);
  });

  it('every verdict rewritten to met, the chain recomputed and re-signed with a fresh key: integrity only, exit 4', async () => {
    const folder = copy('all-met');
    const entries = readEntries(folder).map((entry) =>
      entry.kind === 'verdict' ? { ...entry, verdict: { ...entry.verdict, status: 'met' as const } } : entry,
    );
    writeChain(folder, entries);
    resign(folder, throwawayKey());
    const result = await verify(folder);
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/^INTEGRITY ONLY — not authenticated/);
    expect(result.stdout).toMatch(/NOT trusted/);
  });

  it('keyOrigin changed to env in the signature file: exit 1', async () => {
    const folder = copy('key-origin');
    const sig = readJson(join(folder, 'ledger.sig.json'));
    expect(sig.keyOrigin).toBe('env');
    writeFileSync(join(folder, 'ledger.sig.json'), JSON.stringify({ ...sig, keyOrigin: 'file' }));
    const result = await verify(folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ledger.sig.json: signature does not verify/);
  });

  it('the last entries dropped and ledger.sig.json deleted: exit 1', async () => {
    const folder = copy('truncated');
    writeChain(folder, readEntries(folder).slice(0, -3));
    unlinkSync(join(folder, 'ledger.sig.json'));
    const result = await verify(folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/has no run.finished entry/);
    expect(result.stdout).toMatch(/ledger.sig.json is missing/);
  });

  it('an empty ledger with no signature: exit 1', async () => {
    const folder = copy('empty');
    writeFileSync(join(folder, 'ledger.jsonl'), '');
    unlinkSync(join(folder, 'ledger.sig.json'));
    const result = await verify(folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ledger.jsonl is empty/);
  });

  it('telemetry.jsonl deleted: exit 1', async () => {
    const folder = copy('no-telemetry');
    unlinkSync(join(folder, 'telemetry.jsonl'));
    const result = await verify(folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/pinned file telemetry.jsonl is missing/);
  });

  it('a ledger line carrying a duplicate JSON key, even signed with the trusted key: exit 1', async () => {
    const folder = copy('duplicate-key');
    const entries = readEntries(folder);
    const index = entries.findIndex((entry) => entry.kind === 'verdict');
    const original = entries[index]!;
    if (original.kind !== 'verdict') throw new Error('no verdict');
    const met = { ...original, verdict: { ...original.verdict, status: 'met' as const } };
    const head = writeChain(folder, entries.with(index, met));
    // One reader takes the first value (missed), JSON.parse the last (met): the chain hashes "met".
    const path = join(folder, 'ledger.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[index] = lines[index]!.replace(
      '"status":"met"',
      `"status":"${original.verdict.status}","status":"met"`,
    );
    writeFileSync(path, lines.join('\n'));
    signLedger(folder, head, org.key);
    const result = await verify(folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`line ${index + 1}: not in canonical form`));
  });

  it('an entry after the closing one, chained and re-signed with the trusted key: exit 1', async () => {
    const folder = copy('after-close');
    const entries = readEntries(folder);
    const verdict = entries.find((entry) => entry.kind === 'verdict')!;
    writeChain(folder, [...entries, { ...verdict, seq: entries.length }]);
    resign(folder, org.key);
    const result = await verify(folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/comes after the closing run.finished/);
  });

  it.each(['report.json', 'report.md', 'junit.xml'])('%s edited: exit 1', async (file) => {
    const folder = copy(`edited-${file}`);
    flipByte(join(folder, file), 10);
    const result = await verify(folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`${file.replace('.', '\\.')}: sha256 \\w+ does not match`));
  });

  it('a file placed in the folder after signing: exit 1', async () => {
    const folder = copy('planted');
    writeFileSync(join(folder, 'exception-approved.md'), 'all findings accepted\n');
    const result = await verify(folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/exception-approved.md: not pinned/);
  });

  it('a single-byte change to every file the run wrote fails verify', async () => {
    const folder = copy('every-byte');
    const files = listFiles(folder);
    expect(files.map((path) => path.slice(folder.length + 1)).sort()).toEqual(
      expect.arrayContaining([
        'junit.xml',
        'ledger.jsonl',
        'ledger.sig.json',
        'report.json',
        'report.md',
        'telemetry.jsonl',
      ]),
    );
    for (const path of files) {
      for (const offset of [0, 1_000_003]) {
        const original = flipByte(path, offset);
        const result = await verify(folder);
        expect(result.code, `${path} @${offset}`).toBe(1);
        writeFileSync(path, original);
      }
    }
    expect((await verify(folder)).code).toBe(0);
  });

  it('a drill folder verifies as a whole; a run removed, a run added or the summary edited fails it', async () => {
    const drillFolder = join(root, 'drill');
    cpSync(honest, join(drillFolder, 'portal-session-reuse'), { recursive: true });
    const run = await verifyRunFolder(join(drillFolder, 'portal-session-reuse'), { trusted: [org.trusted] });
    const report = buildReport(run.entries, evidenceFromVerify(run));
    closeDrill(drillFolder, [report], 1, { [SIGNING_KEY_ENV]: org.pem, HOME: root });
    const whole = await verify(drillFolder);
    expect(whole.stdout).toMatch(/^VERIFIED .*\(1 run\(s\)/);
    expect(whole.code).toBe(0);

    const removed = join(root, 'drill-removed');
    cpSync(drillFolder, removed, { recursive: true });
    rmSync(join(removed, 'portal-session-reuse'), { recursive: true });
    expect((await verify(removed)).stdout).toMatch(
      /run portal-session-reuse is listed in drill.sig.json but missing/,
    );

    const added = join(root, 'drill-added');
    cpSync(drillFolder, added, { recursive: true });
    cpSync(honest, join(added, 'extra-run'), { recursive: true });
    const addedResult = await verify(added);
    expect(addedResult.code).toBe(1);
    expect(addedResult.stdout).toMatch(/run extra-run is not part of the signed drill/);

    const edited = join(root, 'drill-edited');
    cpSync(drillFolder, edited, { recursive: true });
    flipByte(join(edited, 'index.md'), 3);
    const editedResult = await verify(edited);
    expect(editedResult.code).toBe(1);
    expect(editedResult.stdout).toMatch(/index.md: sha256 \w+ does not match/);
  });
});
