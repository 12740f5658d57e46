import { DRILL_SIGNATURE_FILE, signFolder } from './sign.ts';
import type { SigningKey } from './signing-key.ts';

export const DRILL_FORMAT = 'phi-drill.drill-signature/1';

/** One run of the drill as its own signature left it. */
export interface DrillRun {
  /** Folder name under the drill folder. */
  folder: string;
  entries: number;
  finalHash: string;
}

/**
 * Signs the drill folder last, once every run is signed and the drill-level summaries are written:
 * the set of runs (so one cannot be removed or swapped) and every file under the folder.
 */
export function signDrill(folder: string, runs: readonly DrillRun[], key: SigningKey) {
  const sorted = [...runs].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  return signFolder(folder, DRILL_SIGNATURE_FILE, { format: DRILL_FORMAT, runs: sorted }, key);
}
