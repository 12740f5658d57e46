import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/evidence/canonical-json.ts';
import { chainHash, GENESIS_HASH } from '../../src/evidence/chain.ts';
import { openLedger } from '../../src/evidence/ledger.ts';
import { loadSigningKey, SIGNING_KEY_ENV, type SigningKey } from '../../src/evidence/signing-key.ts';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { orgKey, throwawayKey, writeSampleRun } from './evidence-keys.ts';
import { sampleEntries } from './evidence-sample.ts';

function freshFolder(): string {
  return join(mkdtempSync(join(tmpdir(), 'phi-drill-ledger-')), 'run');
}

function writeRun(options: { sign?: boolean; key?: SigningKey } = {}): string {
  const folder = freshFolder();
  writeSampleRun(folder, options.sign === false ? null : (options.key ?? throwawayKey()));
  return folder;
}

function lines(folder: string): string[] {
  return readFileSync(join(folder, 'ledger.jsonl'), 'utf8').split('\n');
}

function rewrite(folder: string, edit: (lines: string[]) => string[]): void {
  writeFileSync(join(folder, 'ledger.jsonl'), edit(lines(folder)).join('\n'));
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace and undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('refuses values JSON would silently rewrite', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a is NaN/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/not a plain object/);
  });
});

describe('ledger append and verify', () => {
  it('round-trips: every entry verifies and links from genesis; a per-run key gives integrity only', async () => {
    const folder = writeRun();
    const first = JSON.parse(lines(folder)[0]!);
    expect(first.prev).toBe(GENESIS_HASH);
    expect(first.seq).toBe(0);

    const result = await verifyRunFolder(folder);
    expect(result).toMatchObject({
      ok: true,
      status: 'integrity-only',
      signed: true,
      truncated: false,
      keyOrigin: 'per-run',
      problems: [],
    });
    expect(result.entries).toHaveLength(sampleEntries().length);
    expect(result.lastGoodSeq).toBe(sampleEntries().length - 1);
    expect(result.entries.map((entry) => entry.kind)).toEqual(sampleEntries().map((entry) => entry.kind));
  });

  it('has each entry on disk as soon as append returns, before close', () => {
    const folder = freshFolder();
    const ledger = openLedger(folder);
    const entry = ledger.append({ kind: 'inject.reverted', at: 5, injectId: 'a' });
    expect(entry).toEqual({ kind: 'inject.reverted', at: 5, injectId: 'a', seq: 0 });
    expect(JSON.parse(lines(folder)[0]!)).toMatchObject({ seq: 0, injectId: 'a', hash: ledger.head });
    ledger.close();
  });

  it('refuses to append after close, to sign while open, and to reuse a folder that has a ledger', () => {
    const folder = freshFolder();
    const ledger = openLedger(folder);
    expect(() => ledger.sign(throwawayKey())).toThrow(/close the ledger/);
    ledger.close();
    expect(() => ledger.append({ kind: 'inject.reverted', at: 0, injectId: 'a' })).toThrow(/closed/);
    expect(() => openLedger(folder)).toThrow(/EEXIST/);
  });

  it('names the line of an entry edited in place', async () => {
    const folder = writeRun();
    rewrite(folder, (all) =>
      all.map((line, index) => (index === 4 ? line.replace('full scope', 'no scope') : line)),
    );
    const result = await verifyRunFolder(folder);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/^line 5: hash mismatch: entry 4 \(signal\)/);
    expect(result.lastGoodSeq).toBe(3);
    expect(result.signed).toBe(false);
  });

  it('catches an edit whose hash was recomputed, at the next line', async () => {
    const folder = writeRun();
    rewrite(folder, (all) =>
      all.map((line, index) => {
        if (index !== 2) return line;
        const { hash: _old, prev, ...entry } = JSON.parse(line);
        entry.events = 1;
        return canonicalJson({ ...entry, prev, hash: chainHash(prev, entry) });
      }),
    );
    const result = await verifyRunFolder(folder);
    expect(result.problems[0]).toBe('line 4: prev does not match the hash of entry 2');
    expect(result.lastGoodSeq).toBe(2);
  });

  it('detects a deleted line', async () => {
    const folder = writeRun();
    rewrite(folder, (all) => all.filter((_, index) => index !== 6));
    const result = await verifyRunFolder(folder);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/^line 7: seq 7 where 6 was expected/);
  });

  it('reports a final line torn mid-write as truncated, with the entries before it verified', async () => {
    const folder = writeRun({ sign: false });
    const all = lines(folder);
    const last = all.length - 2;
    rewrite(folder, (current) => [...current.slice(0, last), current[last]!.slice(0, 40)]);
    const result = await verifyRunFolder(folder);
    expect(result).toMatchObject({ ok: false, truncated: true, signed: false, lastGoodSeq: last - 1 });
    expect(result.entries).toHaveLength(last);
    expect(result.notes.join('\n')).toMatch(`line ${last + 1}: torn mid-write`);
  });

  it('fails a signed ledger whose tail was torn or cut after signing', async () => {
    const folder = writeRun();
    rewrite(folder, (all) => [...all.slice(0, 3), '']);
    const result = await verifyRunFolder(folder);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/signs 18 entries .* the ledger has 3/);
  });

  it('treats a JSON fragment in the middle as a break, not a truncation', async () => {
    const folder = writeRun({ sign: false });
    rewrite(folder, (all) => all.map((line, index) => (index === 1 ? line.slice(0, 30) : line)));
    const result = await verifyRunFolder(folder);
    expect(result).toMatchObject({ ok: false, truncated: false, lastGoodSeq: 0 });
    expect(result.problems[0]).toBe('line 2: not valid JSON');
  });
});

describe('ledger signature', () => {
  it('fails an unsigned ledger', async () => {
    const result = await verifyRunFolder(writeRun({ sign: false }));
    expect(result).toMatchObject({ ok: false, status: 'failed', signed: false });
    expect(result.problems).toEqual([
      expect.stringMatching(/^ledger.sig.json is missing: the evidence is not signed/),
    ]);
  });

  it('fails a signature that does not verify', async () => {
    const folder = writeRun();
    const path = join(folder, 'ledger.sig.json');
    const sig = JSON.parse(readFileSync(path, 'utf8'));
    const bytes = Buffer.from(sig.signature, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    writeFileSync(path, JSON.stringify({ ...sig, signature: bytes.toString('base64') }));
    const result = await verifyRunFolder(folder);
    expect(result).toMatchObject({ ok: false, signed: false });
    expect(result.problems).toEqual([expect.stringMatching(/^ledger.sig.json: signature does not verify/)]);
  });

  it('fails a signature whose public key was swapped for another', async () => {
    const folder = writeRun();
    const path = join(folder, 'ledger.sig.json');
    const sig = JSON.parse(readFileSync(path, 'utf8'));
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(path, JSON.stringify({ ...sig, publicKey: other }));
    expect((await verifyRunFolder(folder)).ok).toBe(false);
  });

  it('signs with the organisation key, never writes the private key, and is verified only by a trust list holding it', async () => {
    const { key, trusted } = orgKey();
    const folder = writeRun({ key });

    const written = readFileSync(join(folder, 'ledger.sig.json'), 'utf8');
    expect(written).not.toMatch(/PRIVATE KEY/);
    expect(JSON.parse(written)).toMatchObject({
      algorithm: 'Ed25519',
      keyOrigin: 'env',
      publicKey: key.publicKeyPem,
    });

    const result = await verifyRunFolder(folder, { trusted: [trusted] });
    expect(result).toMatchObject({
      ok: true,
      status: 'verified',
      signed: true,
      keyOrigin: 'env',
      trustedBy: 'test organisation',
    });

    const stranger = orgKey().trusted;
    expect(await verifyRunFolder(folder, { trusted: [stranger] })).toMatchObject({
      ok: true,
      status: 'integrity-only',
    });
    expect(await verifyRunFolder(folder)).toMatchObject({ status: 'integrity-only' });
  });

  it('refuses an environment key that is not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey({ [SIGNING_KEY_ENV]: pem })).toThrow(/ec key; an Ed25519 key is required/);
    expect(() => loadSigningKey({ [SIGNING_KEY_ENV]: 'not a key' })).toThrow(/not a readable PEM/);
  });
});

describe('files the ledger pins', () => {
  function runWithTelemetry(content: string | undefined): string {
    const folder = freshFolder();
    const ledger = openLedger(folder);
    if (content !== undefined) writeFileSync(join(folder, 'telemetry.jsonl'), content);
    ledger.append({
      kind: 'telemetry.summary',
      at: 0,
      events: 1,
      file: 'telemetry.jsonl',
      sha256: createHash('sha256').update('{"id":"evt-000001"}\n').digest('hex'),
      bySystem: { ehr: 1 },
    });
    ledger.close();
    return folder;
  }

  it('fails a telemetry file changed after the run', async () => {
    const result = await verifyRunFolder(runWithTelemetry('{"id":"evt-000002"}\n'));
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/^telemetry.jsonl: sha256 \w+ does not match/m);
  });

  it('fails a telemetry file that is not in the folder', async () => {
    const result = await verifyRunFolder(runWithTelemetry(undefined));
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/pinned file telemetry.jsonl is missing/);
  });
});
