import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wallClockIso } from '../clock/clock.ts';
import { writeFileDurably } from '../evidence/durable-write.ts';
import type { Ledger } from '../evidence/ledger.ts';
import { loadSigningKey } from '../evidence/signing-key.ts';
import { buildReport, evidenceFromKey } from '../report/model.ts';
import { findBrowser, printToPdf } from '../report/print-pdf.ts';
import { writeReports } from '../report/write.ts';
import type { Verdict } from '../run/verdict.ts';
import { aarArtifacts } from './aar-evidence.ts';
import { afterActionHtml } from './aar-html.ts';
import { afterActionReport, improvementPlanCsv } from './after-action.ts';
import type { Printed, TabletopView } from './types.ts';

export const AAR_FILE = 'after-action-report.md';
export const AAR_HTML_FILE = 'after-action-report.html';
export const AAR_PDF_FILE = 'after-action-report.pdf';
export const IMPROVEMENT_PLAN_FILE = 'improvement-plan.csv';

export interface CloseInput {
  ledger: Ledger;
  view: TabletopView;
  verdicts: readonly Verdict[];
  now: number;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Where the AAR went, and its paper copy or why there is none. */
export interface ClosedDrill {
  afterActionReport: string;
  printed: Printed;
}

/**
 * Ends a session: the AAR/IP goes beside the ledger (fsync'd) — the report as Markdown, as a
 * printable HTML page and, where Chromium is at hand, as PDF; the plan as CSV — the ledger pins
 * every one of them by hash, is closed and signed, and the run's usual reports are written.
 */
export async function closeTabletop({
  ledger,
  view,
  verdicts,
  now,
  env = {},
}: CloseInput): Promise<ClosedDrill> {
  const key = loadSigningKey(env);
  const wallClock = wallClockIso();
  const report = afterActionReport({
    view,
    verdicts,
    writtenAt: wallClock,
    ledger: { entries: ledger.count, head: ledger.head },
    artifacts: aarArtifacts(ledger.entries()),
  });
  const written: Array<{ file: string; bytes: Buffer }> = [];
  const write = (file: string, text: string) => {
    writeFileDurably(join(ledger.folder, file), text);
    written.push({ file, bytes: Buffer.from(text, 'utf8') });
  };
  write(AAR_FILE, report);
  write(AAR_HTML_FILE, afterActionHtml(report));
  write(IMPROVEMENT_PLAN_FILE, improvementPlanCsv(view.actions));
  const printed = await printAar(ledger.folder, env);
  if ('pdf' in printed) written.push({ file: AAR_PDF_FILE, bytes: readFileSync(printed.pdf) });
  ledger.append({
    kind: 'tabletop.closed',
    at: now,
    files: written.map(({ file, bytes }) => ({
      file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })),
    wallClock,
  });
  ledger.close();
  writeReports(ledger.folder, buildReport(ledger.entries(), evidenceFromKey(ledger.head, key)));
  ledger.sign(key);
  return { afterActionReport: join(ledger.folder, AAR_FILE), printed };
}

async function printAar(folder: string, env: Readonly<Record<string, string | undefined>>): Promise<Printed> {
  const browser = findBrowser(env);
  if ('problem' in browser) return { problem: browser.problem };
  const pdf = join(folder, AAR_PDF_FILE);
  const result = await printToPdf(browser.path, join(folder, AAR_HTML_FILE), pdf);
  return result.ok ? { pdf } : { problem: result.problem };
}
