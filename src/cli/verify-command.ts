import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { VerifyInputError, type VerifyResult, verifyRunFolder } from '../evidence/verify.ts';

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const USAGE = 'usage: phi-drill verify <run folder> [--public-key file.pem] [--json]\n';

/** `phi-drill verify`: 0 verified, 1 tampered or badly signed, 2 bad input. */
export async function verifyCommand(argv: string[], io: CommandIo): Promise<number> {
  let folder: string;
  let publicKeyFile: string | undefined;
  let json: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { 'public-key': { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new Error('expected exactly one run folder');
    folder = positionals[0]!;
    publicKeyFile = values['public-key'];
    json = values.json;
  } catch (error) {
    io.stderr.write(`phi-drill verify: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  let expectedPublicKey: string | undefined;
  if (publicKeyFile !== undefined) {
    try {
      expectedPublicKey = await readFile(publicKeyFile, 'utf8');
    } catch {
      io.stderr.write(`phi-drill verify: cannot read public key file ${publicKeyFile}\n`);
      return 2;
    }
  }

  let result: VerifyResult;
  try {
    result = await verifyRunFolder(folder, { expectedPublicKey });
  } catch (error) {
    if (!(error instanceof VerifyInputError)) throw error;
    io.stderr.write(`phi-drill verify: ${error.message}\n`);
    return 2;
  }

  io.stdout.write(json ? `${JSON.stringify(toJson(folder, result), null, 2)}\n` : describe(folder, result));
  return result.ok ? 0 : 1;
}

function toJson(folder: string, result: VerifyResult) {
  return {
    folder,
    ok: result.ok,
    entries: result.entries.length,
    lastGoodSeq: result.lastGoodSeq,
    finalHash: result.finalHash,
    signed: result.signed,
    keyOrigin: result.keyOrigin ?? null,
    publicKeyFingerprint: result.publicKeyFingerprint ?? null,
    truncated: result.truncated,
    pinned: result.pinned,
    problems: result.problems,
    notes: result.notes,
  };
}

function describe(folder: string, result: VerifyResult): string {
  const lines = [
    `${result.ok ? 'VERIFIED' : 'NOT VERIFIED'}  ${folder}`,
    `  ledger     ${result.entries.length} entries verified, final hash ${result.finalHash}`,
    `  signature  ${
      result.signed
        ? `Ed25519, ${result.keyOrigin} key ${result.publicKeyFingerprint?.slice(0, 16)}…, valid`
        : 'not verified'
    }`,
  ];
  const matched = result.pinned.filter((file) => file.status === 'match').map((file) => file.file);
  if (matched.length > 0) lines.push(`  files      ${matched.join(', ')} match their SHA-256 in the ledger`);
  for (const problem of result.problems) lines.push(`  problem    ${problem}`);
  for (const note of result.notes) lines.push(`  note       ${note}`);
  return `${lines.join('\n')}\n`;
}
