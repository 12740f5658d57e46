import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import type { LedgerEntry, LedgerWitnessedEntry } from './entries.ts';
import { parseTimeStampToken, timeStampImprint } from './timestamp/tsp.ts';
import { checkTokenSignature } from './timestamp/verify-token.ts';

export interface WitnessFindings {
  problems: string[];
  notes: string[];
}

/**
 * Each `ledger.witnessed` entry must name the head the chain really had before it, with the signing
 * key's fingerprint; its token (when one was obtained) must timestamp exactly that head, with the
 * nonce sent, and be signed by the certificate it carries. What the auditor still compares by hand
 * (the copy in their SIEM, the authority's identity) is reported as notes.
 */
export async function checkWitnesses(
  folder: string,
  entries: readonly LedgerEntry[],
  keyFingerprint: string | undefined,
): Promise<WitnessFindings> {
  const findings: WitnessFindings = { problems: [], notes: [] };
  let head = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.kind === 'ledger.witnessed') await checkWitness(folder, entry, head, keyFingerprint, findings);
    head = chainHash(head, entry);
  }
  return findings;
}

async function checkWitness(
  folder: string,
  entry: LedgerWitnessedEntry,
  chainHead: string,
  keyFingerprint: string | undefined,
  findings: WitnessFindings,
): Promise<void> {
  const where = `ledger.witnessed (seq ${entry.seq})`;
  const { head } = entry;
  if (head.entries !== entry.seq || head.hash !== chainHead) {
    findings.problems.push(
      `${where}: witnessed ${head.entries} entries ending ${head.hash}, but the ledger had ${entry.seq} ending ${chainHead}`,
    );
    return;
  }
  if (keyFingerprint !== undefined && head.keyFingerprint !== keyFingerprint) {
    findings.problems.push(
      `${where}: witnessed key ${head.keyFingerprint}, but the run is signed by ${keyFingerprint}`,
    );
  }
  const sent = entry.sinks.filter((sink) => sink.sent > 0).map((sink) => sink.sink);
  findings.notes.push(
    sent.length > 0
      ? `ledger head ${head.hash} (${head.entries} entries) was sent to ${sent.join(', ')}: compare it with the record there`
      : `ledger head ${head.hash} (${head.entries} entries) reached no telemetry sink`,
  );
  if (entry.timestampError) findings.notes.push(`${where}: no timestamp token (${entry.timestampError})`);
  if (entry.timestamp) await checkToken(folder, entry, findings, where);
}

async function checkToken(
  folder: string,
  entry: LedgerWitnessedEntry,
  findings: WitnessFindings,
  where: string,
): Promise<void> {
  const stamp = entry.timestamp!;
  let token: ReturnType<typeof parseTimeStampToken>;
  try {
    token = parseTimeStampToken(await readFile(join(folder, stamp.file)));
  } catch (error) {
    findings.problems.push(`${stamp.file}: not a readable timestamp token (${describe(error)})`);
    return;
  }
  if (token.imprintAlgorithm !== 'sha256' || token.imprint !== timeStampImprint(canonicalJson(entry.head))) {
    findings.problems.push(`${stamp.file}: the token timestamps another message than the head in ${where}`);
    return;
  }
  if (
    token.nonce !== stamp.nonce ||
    token.genTime !== stamp.genTime ||
    token.serialNumber !== stamp.serialNumber
  ) {
    findings.problems.push(`${stamp.file}: nonce, genTime or serial differ from ${where}`);
    return;
  }
  const signature = checkTokenSignature(token);
  if (signature.status === 'bad') {
    findings.problems.push(`${stamp.file}: ${signature.problem}`);
    return;
  }
  findings.notes.push(
    signature.status === 'signed'
      ? `timestamp: ${token.genTime} by ${signature.signer} (certificate SHA-256 ${signature.signerFingerprint}; its chain to a trusted TSA root is not checked)`
      : `timestamp: ${token.genTime}; the token carries no signer certificate, so its signature was not checked`,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
