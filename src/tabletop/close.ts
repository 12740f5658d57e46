import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { wallClockIso } from '../clock/clock.ts';
import { writeFileDurably } from '../evidence/durable-write.ts';
import type { Ledger } from '../evidence/ledger.ts';
import { buildReport, evidenceFromSignature } from '../report/model.ts';
import { writeReports } from '../report/write.ts';
import type { Verdict } from '../run/verdict.ts';
import { afterActionReport, improvementPlanCsv } from './after-action.ts';
import type { TabletopView } from './types.ts';

export const AAR_FILE = 'after-action-report.md';
export const IMPROVEMENT_PLAN_FILE = 'improvement-plan.csv';

export interface CloseInput {
  ledger: Ledger;
  view: TabletopView;
  verdicts: readonly Verdict[];
  now: number;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Ends a session: the AAR/IP goes beside the ledger (fsync'd), the ledger pins both files by hash,
 * is closed and signed, and the run's usual reports are written. Returns the AAR's path.
 */
export function closeTabletop({ ledger, view, verdicts, now, env }: CloseInput): {
  afterActionReport: string;
} {
  const wallClock = wallClockIso();
  const files = [
    {
      file: AAR_FILE,
      text: afterActionReport({
        view,
        verdicts,
        writtenAt: wallClock,
        ledger: { entries: ledger.count, head: ledger.head },
      }),
    },
    { file: IMPROVEMENT_PLAN_FILE, text: improvementPlanCsv(view.actions) },
  ];
  for (const { file, text } of files) writeFileDurably(join(ledger.folder, file), text);
  ledger.append({
    kind: 'tabletop.closed',
    at: now,
    files: files.map(({ file, text }) => ({ file, sha256: createHash('sha256').update(text).digest('hex') })),
    wallClock,
  });
  ledger.close();
  const signature = ledger.sign(env);
  writeReports(ledger.folder, buildReport(ledger.entries(), evidenceFromSignature(signature)));
  return { afterActionReport: join(ledger.folder, AAR_FILE) };
}
