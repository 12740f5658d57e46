import { existsSync, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LEDGER_FILE } from './chain.ts';
import { DRILL_FORMAT } from './drill-seal.ts';
import { DRILL_SIGNATURE_FILE, SIGNATURE_FILES } from './sign.ts';
import {
  VerifyInputError,
  type VerifyOptions,
  type VerifyResult,
  type VerifyStatus,
  verifyRunFolder,
} from './verify.ts';
import { checkPinnedFile, unpinnedFiles } from './verify-files.ts';
import { readSignedFile, signerFields, trustOf } from './verify-signature.ts';

const drillSignatureSchema = z.strictObject({
  ...signerFields,
  format: z.literal(DRILL_FORMAT),
  runs: z.array(
    z.strictObject({
      folder: z.string().min(1),
      entries: z.int().nonnegative(),
      finalHash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

export interface DrillVerifyResult {
  folder: string;
  status: VerifyStatus;
  /** Problems with the drill as a whole (its signature, its summaries, runs added or removed). */
  problems: string[];
  signed: boolean;
  publicKeyFingerprint?: string;
  trustedBy?: string;
  runs: Array<{ name: string; result: VerifyResult }>;
}

/** A folder `phi-drill run` wrote: a drill signature, or run folders under it and no ledger of its own. */
export function isDrillFolder(folder: string): boolean {
  if (existsSync(join(folder, DRILL_SIGNATURE_FILE))) return true;
  if (existsSync(join(folder, LEDGER_FILE))) return false;
  return runFolders(folder).length > 0;
}

/**
 * Every run under the drill folder, each verified on its own, and the drill signature over the set
 * of runs and the drill-level summaries: a run removed, added or swapped fails the drill.
 */
export async function verifyDrillFolder(
  folder: string,
  options: VerifyOptions = {},
): Promise<DrillVerifyResult> {
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) {
    throw new VerifyInputError(`no such drill folder: ${folder}`);
  }
  const problems: string[] = [];
  const runs = [];
  for (const name of runFolders(folder))
    runs.push({ name, result: await verifyRunFolder(join(folder, name), options) });
  const signature = await readSignedFile(
    join(folder, DRILL_SIGNATURE_FILE),
    DRILL_SIGNATURE_FILE,
    drillSignatureSchema,
    problems,
  );
  if (signature) {
    for (const pinned of signature.files) {
      const checked = await checkPinnedFile(folder, pinned, DRILL_SIGNATURE_FILE);
      if (checked.problem) problems.push(checked.problem);
    }
    for (const file of unpinnedFiles(folder, signature.files, SIGNATURE_FILES)) {
      problems.push(`${file}: not pinned by ${DRILL_SIGNATURE_FILE}`);
    }
    checkRunSet(signature.runs, runs, problems);
  }
  const trusted = signature ? trustOf(signature, options.trusted ?? []) : undefined;
  const failed = problems.length > 0 || runs.some((run) => run.result.status === 'failed');
  const allTrusted = trusted !== undefined && runs.every((run) => run.result.status === 'verified');
  return {
    folder,
    status: failed ? 'failed' : allTrusted ? 'verified' : 'integrity-only',
    problems,
    signed: signature !== undefined,
    publicKeyFingerprint: signature?.publicKeyFingerprint,
    trustedBy: trusted?.name,
    runs,
  };
}

function checkRunSet(
  signed: ReadonlyArray<{ folder: string; entries: number; finalHash: string }>,
  found: ReadonlyArray<{ name: string; result: VerifyResult }>,
  problems: string[],
): void {
  for (const run of signed) {
    const match = found.find((candidate) => candidate.name === run.folder);
    if (!match) problems.push(`run ${run.folder} is listed in ${DRILL_SIGNATURE_FILE} but missing`);
    else if (match.result.finalHash !== run.finalHash || match.result.entries.length !== run.entries) {
      problems.push(`run ${run.folder}: its ledger is not the one ${DRILL_SIGNATURE_FILE} signed`);
    }
  }
  for (const run of found) {
    if (!signed.some((listed) => listed.folder === run.name))
      problems.push(`run ${run.name} is not part of the signed drill`);
  }
}

function runFolders(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  return names.filter((name) => existsSync(join(folder, name, LEDGER_FILE))).sort();
}
