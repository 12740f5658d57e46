import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { wallClockIso } from '../clock/clock.ts';
import { shortFingerprint } from '../evidence/fingerprint.ts';
import {
  findTrustFile,
  readTrustFile,
  TRUST_FILE,
  type TrustedKey,
  TrustFileError,
  trustEntry,
} from '../evidence/trust.ts';
import { VerifyInputError, type VerifyResult, verifyRunFolder } from '../evidence/verify.ts';
import { type DrillVerifyResult, isDrillFolder, verifyDrillFolder } from '../evidence/verify-drill.ts';
import { EXIT } from './exit-codes.ts';
import { parseOrExplain, UsageError } from './usage.ts';

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

export const USAGE = `usage: phi-drill verify <run folder | drill folder> [--trust FILE] [--public-key FILE] [--json]
  --trust FILE        keys the organisation accepts (default: PHI_DRILL_TRUST_FILE or ./${TRUST_FILE})
  --public-key FILE   accept exactly this Ed25519 public key (PEM) instead of a trust file
  --json              machine-readable result
exit codes: 0 VERIFIED (intact, signed by a trusted key) · 1 NOT VERIFIED · 2 bad input
            4 INTEGRITY ONLY (intact, but not signed by a trusted key: not authenticated)
`;

const EXIT_OF = { verified: EXIT.ok, 'integrity-only': EXIT.unauthenticated, failed: EXIT.missed } as const;

/** `phi-drill verify`: one run folder, or every run under a drill folder with one summary. */
export async function verifyCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseOrExplain('verify', USAGE, () => parse(argv), io);
  if (!parsed.ok) return parsed.exitCode;
  const { folder, publicKeyFile, trustFile, json } = parsed.value;
  let trusted: TrustedKey[];
  let trustSource: string;
  try {
    ({ trusted, trustSource } = await loadTrust(publicKeyFile, trustFile, io));
  } catch (error) {
    if (!(error instanceof TrustFileError)) throw error;
    io.stderr.write(`phi-drill verify: ${error.message}\n`);
    return EXIT.usage;
  }
  try {
    if (isDrillFolder(folder)) {
      const drill = await verifyDrillFolder(folder, { trusted });
      io.stdout.write(
        json
          ? `${JSON.stringify(drillJson(drill, trustSource), null, 2)}\n`
          : describeDrill(drill, trustSource),
      );
      return EXIT_OF[drill.status];
    }
    const result = await verifyRunFolder(folder, { trusted });
    io.stdout.write(
      json
        ? `${JSON.stringify(runJson(folder, result, trustSource), null, 2)}\n`
        : describeRun(folder, result, trustSource),
    );
    return EXIT_OF[result.status];
  } catch (error) {
    if (!(error instanceof VerifyInputError)) throw error;
    io.stderr.write(`phi-drill verify: ${error.message}\n`);
    return EXIT.usage;
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'public-key': { type: 'string' },
      trust: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  if (positionals.length !== 1) throw new UsageError('expected exactly one run or drill folder');
  if (values['public-key'] !== undefined && values.trust !== undefined) {
    throw new UsageError('give --trust or --public-key, not both');
  }
  return {
    folder: positionals[0]!,
    publicKeyFile: values['public-key'],
    trustFile: values.trust,
    json: values.json,
  };
}

async function loadTrust(
  publicKeyFile: string | undefined,
  trustFile: string | undefined,
  io: CommandIo,
): Promise<{ trusted: TrustedKey[]; trustSource: string }> {
  if (publicKeyFile !== undefined) {
    const pem = await readFile(publicKeyFile, 'utf8').catch(() => {
      throw new TrustFileError(`cannot read public key file ${publicKeyFile}`);
    });
    try {
      return { trusted: [trustEntry(pem, publicKeyFile, wallClockIso())], trustSource: publicKeyFile };
    } catch (error) {
      if (error instanceof TrustFileError) throw error;
      throw new TrustFileError(`${publicKeyFile} is not a readable PEM public key`);
    }
  }
  const path = findTrustFile(trustFile, io.env ?? process.env, io.cwd ?? process.cwd());
  if (path === undefined) return { trusted: [], trustSource: 'no trust file' };
  return { trusted: readTrustFile(path).keys, trustSource: path };
}

const HEADLINE = {
  verified: 'VERIFIED',
  'integrity-only': 'INTEGRITY ONLY — not authenticated',
  failed: 'NOT VERIFIED',
};

function signatureLine(result: VerifyResult, trustSource: string): string {
  if (!result.signed || result.publicKeyFingerprint === undefined) return 'not verified';
  const key = `Ed25519 key ${shortFingerprint(result.publicKeyFingerprint)} (${result.keyOrigin})`;
  if (result.trustedBy !== undefined)
    return `${key}, valid, trusted as "${result.trustedBy}" (${trustSource})`;
  return `${key}, valid, but NOT trusted (${trustSource}): anyone could have made this signature`;
}

function describeRun(folder: string, result: VerifyResult, trustSource: string): string {
  const lines = [
    `${HEADLINE[result.status]}  ${folder}`,
    `  ledger     ${result.entries.length} entries verified, final hash ${result.finalHash}`,
    `  signature  ${signatureLine(result, trustSource)}`,
  ];
  const matched = result.pinned.filter((file) => file.status === 'match').length;
  if (matched > 0) lines.push(`  files      ${matched} file(s) match their SHA-256 in the signature`);
  for (const problem of result.problems) lines.push(`  problem    ${problem}`);
  for (const note of result.notes) lines.push(`  note       ${note}`);
  return `${lines.join('\n')}\n`;
}

function runJson(folder: string, result: VerifyResult, trustSource: string) {
  return {
    folder,
    status: result.status,
    ok: result.ok,
    entries: result.entries.length,
    lastGoodSeq: result.lastGoodSeq,
    finalHash: result.finalHash,
    signed: result.signed,
    keyOrigin: result.keyOrigin ?? null,
    publicKeyFingerprint: result.publicKeyFingerprint ?? null,
    trustedBy: result.trustedBy ?? null,
    trustSource,
    truncated: result.truncated,
    pinned: result.pinned,
    problems: result.problems,
    notes: result.notes,
  };
}

function describeDrill(drill: DrillVerifyResult, trustSource: string): string {
  const lines = [
    `${HEADLINE[drill.status]}  ${drill.folder} (${drill.runs.length} run(s), trust: ${trustSource})`,
  ];
  for (const problem of drill.problems) lines.push(`  problem    ${problem}`);
  for (const run of drill.runs) {
    lines.push(`  ${HEADLINE[run.result.status].padEnd(12)} ${run.name}`);
    for (const problem of run.result.problems) lines.push(`      problem  ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}

function drillJson(drill: DrillVerifyResult, trustSource: string) {
  return {
    folder: drill.folder,
    status: drill.status,
    trustSource,
    signed: drill.signed,
    publicKeyFingerprint: drill.publicKeyFingerprint ?? null,
    trustedBy: drill.trustedBy ?? null,
    problems: drill.problems,
    runs: drill.runs.map((run) => runJson(run.name, run.result, trustSource)),
  };
}
