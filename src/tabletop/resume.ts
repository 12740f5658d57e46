import { verifyRunFolder } from '../evidence/verify.ts';
import type { ResumePoint } from './session.ts';
import { PACINGS, type Pacing, type Participant } from './types.ts';

export interface ResumableDrill {
  scenarioFile: string;
  scenarioSha256: string;
  participants: Participant[];
  pacing: Pacing;
  point: ResumePoint;
  /** Worth telling the facilitator (a torn final line was cut off). */
  notes: string[];
}

/** Why a folder cannot be resumed, said so a facilitator knows what to do next. */
export class ResumeError extends Error {
  override name = 'ResumeError';
}

/**
 * Reads an interrupted tabletop run folder: the ledger must verify (a torn final line from a crash is
 * fine, it is cut off), must be a tabletop session, and must not be closed already.
 */
export async function readResumable(folder: string): Promise<ResumableDrill> {
  const verified = await verifyRunFolder(folder).catch((error: Error) => {
    throw new ResumeError(error.message);
  });
  const chainProblems = verified.problems.filter((problem) => /^line \d+/.test(problem));
  if (chainProblems.length > 0) {
    throw new ResumeError(`the ledger in ${folder} does not verify: ${chainProblems[0]}`);
  }
  const started = verified.entries.find((entry) => entry.kind === 'run.started');
  const tabletop = verified.entries.find((entry) => entry.kind === 'tabletop.started');
  if (!started || !tabletop) {
    throw new ResumeError(
      `${folder} is not a tabletop drill (phi-drill run folders are complete when written)`,
    );
  }
  if (verified.entries.some((entry) => entry.kind === 'tabletop.closed')) {
    throw new ResumeError(`the drill in ${folder} was closed; its after-action report is in that folder`);
  }
  return {
    scenarioFile: started.scenarioFile,
    scenarioSha256: started.scenarioSha256,
    participants: tabletop.participants,
    pacing: PACINGS.find((pacing) => pacing.id === tabletop.pacing) ?? PACINGS[0]!,
    point: { entries: verified.entries, finalHash: verified.finalHash },
    notes: verified.truncated ? ['the last ledger line was torn by the interruption and is cut off'] : [],
  };
}
