import { join } from 'node:path';
import { signDrill } from '../evidence/drill-seal.ts';
import { writeFileDurably } from '../evidence/durable-write.ts';
import { loadSigningKey } from '../evidence/signing-key.ts';
import {
  DRILL_SUMMARY_FILES,
  drillSummary,
  renderDrillHtml,
  renderDrillJson,
  renderDrillMarkdown,
} from '../report/drill-summary.ts';
import { renderJunit } from '../report/junit.ts';
import type { RunReport } from '../report/model.ts';

/**
 * Writes the drill-level files (JUnit, summary.json, index.md, index.html) once every run is signed,
 * then signs the drill folder over them and the set of runs.
 */
export function closeDrill(
  drillFolder: string,
  reports: readonly RunReport[],
  exitCode: number,
  env: Readonly<Record<string, string | undefined>>,
): void {
  const summary = drillSummary(reports, exitCode);
  writeFileDurably(join(drillFolder, 'junit.xml'), renderJunit(reports));
  writeFileDurably(join(drillFolder, DRILL_SUMMARY_FILES.json), renderDrillJson(summary));
  writeFileDurably(join(drillFolder, DRILL_SUMMARY_FILES.markdown), renderDrillMarkdown(summary));
  writeFileDurably(join(drillFolder, DRILL_SUMMARY_FILES.html), renderDrillHtml(summary));
  const runs = summary.runs.flatMap((row) =>
    row.finalHash === null ? [] : [{ folder: row.folder, entries: row.entries, finalHash: row.finalHash }],
  );
  signDrill(drillFolder, runs, loadSigningKey(env));
}
