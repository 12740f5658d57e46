import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { systemTimers } from '../../src/clock/timers.ts';
import { canonicalJson } from '../../src/evidence/canonical-json.ts';
import { sha256Hex } from '../../src/evidence/chain.ts';
import type { LedgerEntryInput, LedgerWitnessedEntry } from '../../src/evidence/entries.ts';
import { openLedger } from '../../src/evidence/ledger.ts';
import { DerError, sequence } from '../../src/evidence/timestamp/der.ts';
import {
  parseTimeStampResponse,
  parseTimeStampToken,
  timeStampImprint,
} from '../../src/evidence/timestamp/tsp.ts';
import { checkTokenSignature } from '../../src/evidence/timestamp/verify-token.ts';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { buildReport } from '../../src/report/model.ts';
import { type TargetInput, targetSchema } from '../../src/target/schema.ts';
import { TIMESTAMP_FILE, witnessLedger } from '../../src/target/witness.ts';
import { orgKey } from './evidence-keys.ts';
import { START, sampleEntries } from './evidence-sample.ts';
import { startTsaDouble, type TsaDouble } from './tsa-double.ts';

const TELEMETRY = '{"id":"evt-000001"}\n';
let root: string;
let tsa: TsaDouble;
const org = orgKey();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'phi-drill-witness-'));
  tsa = await startTsaDouble(root);
});
afterAll(async () => {
  await tsa.close();
  rmSync(root, { recursive: true, force: true });
});

let runs = 0;
function target(extra: Partial<TargetInput> = {}): ReturnType<typeof targetSchema.parse> {
  return targetSchema.parse({
    id: 'witness-test',
    telemetry: [{ id: 'siem-file', type: 'file', encoder: 'jsonl', path: join(root, `siem-${runs}.jsonl`) }],
    witness: { timestamp: { url: tsa.url } },
    ...extra,
  });
}

/** Sample entries (telemetry pinned), then `witness` at close, then run.finished; closed and signed. */
async function writeRun(
  witness: (ledger: ReturnType<typeof openLedger>) => Promise<unknown> | unknown,
  entries: LedgerEntryInput[] = sampleEntries(),
): Promise<string> {
  runs += 1;
  const folder = join(root, `run-${runs}`);
  const ledger = openLedger(folder);
  writeFileSync(join(folder, 'telemetry.jsonl'), TELEMETRY);
  const body = entries.filter((entry) => entry.kind !== 'run.finished');
  for (const input of body)
    ledger.append(input.kind === 'telemetry.summary' ? { ...input, sha256: sha256Hex(TELEMETRY) } : input);
  await witness(ledger);
  ledger.append(entries.find((entry) => entry.kind === 'run.finished')!);
  ledger.close();
  ledger.sign(org.key);
  return folder;
}

const witnessWith = (t: ReturnType<typeof target>) => (ledger: ReturnType<typeof openLedger>) =>
  witnessLedger({
    target: t,
    ledger,
    keyFingerprint: org.key.fingerprint,
    clock: new VirtualClock(START),
    timers: systemTimers,
    env: {},
  });

function witnessedEntry(folder: string): LedgerWitnessedEntry {
  const lines = readFileSync(join(folder, 'ledger.jsonl'), 'utf8').trim().split('\n');
  const { prev: _p, hash: _h, ...entry } = JSON.parse(lines.find((l) => l.includes('ledger.witnessed'))!);
  return entry as LedgerWitnessedEntry;
}

describe('witnesses outside the run folder', () => {
  it('sends the head to every sink as its own record, timestamps it, and verify checks the token', async () => {
    const t = target();
    const folder = await writeRun(witnessWith(t));
    const entry = witnessedEntry(folder);
    const siem = readFileSync((t.telemetry[0] as { path: string }).path, 'utf8')
      .trim()
      .split('\n');
    expect(siem).toEqual([canonicalJson(entry.head)]);
    expect(entry.head).toMatchObject({
      format: 'phi-drill.ledger-head/1',
      runId: 'run-000001',
      entries: entry.seq,
    });
    expect(entry.sinks).toEqual([{ sink: 'siem-file', sent: 1, failed: 0, dropped: 0 }]);
    expect(entry.timestamp).toMatchObject({ authority: tsa.url, file: TIMESTAMP_FILE });
    const result = await verifyRunFolder(folder, { trusted: [org.trusted] });
    expect(result.problems).toEqual([]);
    expect(result.status).toBe('verified');
    expect(result.notes.join('\n')).toMatch(/sent to siem-file/);
    const markdown = renderMarkdown(buildReport(result.entries));
    expect(markdown).toContain(`Ledger head \`${entry.head.hash}\` (${entry.head.entries} entries`);
    expect(markdown).toContain(`Timestamped ${entry.timestamp!.genTime} by ${tsa.url}`);
    expect(result.notes.join('\n')).toMatch(
      new RegExp(`timestamp: ${entry.timestamp!.genTime} by CN=Drill Test TSA`),
    );
  });

  it('fails a rewritten ledger re-signed with the organisation key: the old token times another head', async () => {
    const honest = await writeRun(witnessWith(target()));
    const token = readFileSync(join(honest, TIMESTAMP_FILE));
    const original = witnessedEntry(honest);
    const forged = sampleEntries().map((entry) =>
      entry.kind === 'run.finished'
        ? { ...entry, counts: { met: 4, late: 0, missed: 0, notApplicable: 0 }, exitCode: 0 }
        : entry,
    );
    forged.splice(3, 1); // the forger also drops an entry, so the head differs
    // Keeping the honest head in the entry: it no longer matches the chain.
    const kept = await writeRun((ledger) => {
      writeFileSync(join(ledger.folder, TIMESTAMP_FILE), token);
      ledger.append({ ...original, seq: undefined, at: original.at } as unknown as LedgerEntryInput);
    }, forged);
    expect((await verifyRunFolder(kept, { trusted: [org.trusted] })).problems.join('\n')).toMatch(
      /witnessed \d+ entries ending .* but the ledger had/,
    );
    // Rewriting the head to match the new chain: the token no longer times it.
    const rewritten = await writeRun((ledger) => {
      writeFileSync(join(ledger.folder, TIMESTAMP_FILE), token);
      ledger.append({
        ...original,
        head: { ...original.head, entries: ledger.count, hash: ledger.head },
      } as unknown as LedgerEntryInput);
    }, forged);
    const result = await verifyRunFolder(rewritten, { trusted: [org.trusted] });
    expect(result.status).toBe('failed');
    expect(result.problems.join('\n')).toMatch(/timestamps another message than the head/);
  });

  it('fails a token whose signed time was altered, even with every pin updated and re-signed', async () => {
    const honest = await writeRun(witnessWith(target()));
    const original = witnessedEntry(honest);
    const token = Buffer.from(readFileSync(join(honest, TIMESTAMP_FILE)));
    const genTime = original.timestamp!.genTime.replace(/[-:T]/g, '').replace(/\.\d+/, '');
    const at = token.indexOf(Buffer.from(genTime, 'latin1'));
    expect(at).toBeGreaterThan(0);
    const earlier = String(Number(genTime.slice(0, 4)) - 1);
    token.write(earlier, at, 'latin1');
    const folder = await writeRun((ledger) => {
      writeFileSync(join(ledger.folder, TIMESTAMP_FILE), token);
      ledger.append({
        ...original,
        head: { ...original.head, entries: ledger.count, hash: ledger.head },
        timestamp: {
          ...original.timestamp!,
          sha256: sha256Hex(token),
          genTime: `${earlier}${original.timestamp!.genTime.slice(4)}`,
        },
      } as unknown as LedgerEntryInput);
    });
    const result = await verifyRunFolder(folder, { trusted: [org.trusted] });
    expect(result.status).toBe('failed');
    expect(result.problems.join('\n')).toMatch(
      /timestamps another message|messageDigest is not the hash of the TSTInfo/,
    );
  });

  it('reads a token without the signer certificate, and says its signature could not be checked', async () => {
    const data = join(root, 'no-cert.txt');
    writeFileSync(data, 'head');
    const query = join(root, 'no-cert.tsq');
    const token = join(root, 'no-cert.tst');
    const { key, cert, config } = tsa.files;
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-out', query], { stdio: 'ignore' });
    execFileSync(
      'openssl',
      [
        'ts',
        '-reply',
        '-config',
        config,
        '-queryfile',
        query,
        '-inkey',
        key,
        '-signer',
        cert,
        '-token_out',
        '-out',
        token,
      ],
      { stdio: 'ignore' },
    );
    const parsed = parseTimeStampToken(readFileSync(token));
    expect(parsed.imprint).toBe(timeStampImprint('head'));
    expect(checkTokenSignature(parsed)).toEqual({ status: 'no-certificate' });
  });

  it('refuses replies that are not DER, cut short, or nested without end, with a reason', () => {
    const honest = readFileSync(join(root, 'no-cert.tst'));
    expect(() => parseTimeStampResponse(Buffer.from('<html>busy</html>'))).toThrow(DerError);
    expect(() => parseTimeStampToken(honest.subarray(0, honest.length - 9))).toThrow(/runs past the end/);
    expect(() => parseTimeStampToken(Buffer.concat([honest, Buffer.from([0])]))).toThrow(
      /after the DER element/,
    );
    let deep: Buffer = Buffer.alloc(0);
    for (let level = 0; level < 40; level += 1) deep = sequence(deep);
    expect(() => parseTimeStampResponse(deep)).toThrow(/nested too deeply/);
  });

  it('fails a token file replaced after signing', async () => {
    const folder = await writeRun(witnessWith(target()));
    const token = readFileSync(join(folder, TIMESTAMP_FILE));
    token[token.length - 3]! ^= 0x01;
    writeFileSync(join(folder, TIMESTAMP_FILE), token);
    expect((await verifyRunFolder(folder, { trusted: [org.trusted] })).status).toBe('failed');
  });

  it('records why no token was kept: refusal, a replayed reply, a wrong content type, a host not allow-listed', async () => {
    const cases: Array<[TsaDouble['mode'], RegExp]> = [
      ['reject', /refused: rejection/],
      // The head is the same as the first run's (same entries): the replayed token's nonce gives it away.
      ['replay', /does not carry the nonce sent|another message than the ledger head/],
      ['wrong-type', /not application\/timestamp-reply/],
    ];
    for (const [mode, reason] of cases) {
      tsa.mode = mode;
      const folder = await writeRun(witnessWith(target()));
      tsa.mode = 'grant';
      const entry = witnessedEntry(folder);
      expect(entry.timestamp).toBeUndefined();
      expect(entry.timestampError).toMatch(reason);
      expect(renderMarkdown(buildReport((await verifyRunFolder(folder)).entries))).toMatch(/No timestamp: /);
      const result = await verifyRunFolder(folder, { trusted: [org.trusted] });
      expect(result.status).toBe('verified');
      expect(result.notes.join('\n')).toMatch(/no timestamp token/);
    }
    const before = tsa.requests;
    const outside = await writeRun(
      witnessWith(target({ witness: { timestamp: { url: 'http://tsa.example.org/tsa' } } })),
    );
    expect(witnessedEntry(outside).timestampError).toMatch(/not in allowHosts; nothing was sent/);
    expect(tsa.requests).toBe(before);
  });

  it('counts a sink that cannot take the head as failed', async () => {
    const folder = await writeRun(
      witnessWith(
        target({
          telemetry: [
            {
              id: 'gone',
              type: 'http',
              format: 'generic',
              encoder: 'jsonl',
              url: 'http://127.0.0.1:9/x',
              maxAttempts: 1,
              closeTimeoutMs: 500,
            },
          ],
          witness: {},
        }),
      ),
    );
    const entry = witnessedEntry(folder);
    expect(entry.sinks).toEqual([expect.objectContaining({ sink: 'gone', sent: 0 })]);
    expect((await verifyRunFolder(folder, { trusted: [org.trusted] })).notes.join('\n')).toMatch(
      /reached no telemetry sink/,
    );
  });
});
