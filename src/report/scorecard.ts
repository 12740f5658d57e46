import type { VerdictStatus } from '../run/verdict.ts';
import { wrapText } from '../text/wrap.ts';
import { latencyVsWindow } from './format.ts';
import type { RunReport } from './model.ts';

export interface ScorecardOptions {
  /** ANSI colours; the caller decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
  /** Unicode marks and dashes; plain ASCII otherwise. */
  unicode: boolean;
  /**
   * Fit every line into this many columns (a terminal's width), wrapping rather than cutting: below
   * VERTICAL_BELOW columns each expectation takes a few stacked lines. No limit when absent.
   */
  width?: number;
}

const MARK: Record<VerdictStatus, { unicode: string; plain: string; color: number }> = {
  met: { unicode: '✔', plain: 'MET ', color: 32 },
  late: { unicode: '◐', plain: 'LATE', color: 33 },
  missed: { unicode: '✘', plain: 'MISS', color: 31 },
  'not-applicable': { unicode: '–', plain: 'N/A ', color: 90 },
};

/** Narrower than this, the columns leave too little room for the reason: one field per line. */
export const VERTICAL_BELOW = 100;

/** Console scorecard for one or more scenario runs: a header per run, a row per expectation, totals. */
export function renderScorecard(reports: readonly RunReport[], opts: ScorecardOptions): string {
  const paint = (code: number, text: string) => (opts.color ? `\u001b[${code}m${text}\u001b[39m` : text);
  const bold = (text: string) => (opts.color ? `\u001b[1m${text}\u001b[22m` : text);
  const limit = opts.width ?? Number.POSITIVE_INFINITY;
  const dash = opts.unicode ? '—' : '-';

  const all = reports.flatMap((report) => report.verdicts);
  const idWidth = Math.max(0, ...all.map((verdict) => verdict.expectationId.length));
  const typeWidth = Math.max(0, ...all.map((verdict) => verdict.type.length));
  const injectWidth = Math.max(0, ...all.map((verdict) => verdict.injectId.length));
  const timingWidth = Math.max(
    0,
    ...all.map((v) => latencyVsWindow(v.latencyMs, v.windowMs, opts.unicode).length),
  );
  const markWidth = opts.unicode ? 1 : 4;
  // Where the reason column starts; with too little room after it, stack the fields instead.
  const reasonAt = 2 + markWidth + 1 + idWidth + typeWidth + injectWidth + timingWidth + 4 * 2;
  const vertical = limit < VERTICAL_BELOW || limit - reasonAt < 30;

  const lines: string[] = [];
  for (const report of reports) {
    const { run, finished } = report;
    const outcome = finished ? `exit ${finished.exitCode}` : 'did not finish';
    const header = `${run.scenarioId} ${dash} ${run.title} (seed ${run.seed}, ${run.clock} clock, ${outcome})`;
    for (const [index, part] of wrapText(header, limit - 2).entries())
      lines.push(bold(index === 0 ? part : `  ${part}`));
    if (report.verdicts.length === 0) lines.push('  no verdicts recorded');
    for (const verdict of report.verdicts) {
      const mark = MARK[verdict.status];
      const painted = paint(mark.color, opts.unicode ? mark.unicode : mark.plain);
      const timing = latencyVsWindow(verdict.latencyMs, verdict.windowMs, opts.unicode);
      const reason = verdict.reason.replace(/\s+/g, ' ');
      const lead = ' '.repeat(2 + markWidth + 1);
      if (vertical) {
        lines.push(`  ${painted} ${verdict.expectationId}`);
        const where = `${verdict.type} ${dash} ${verdict.injectId} ${dash} ${timing}`;
        for (const part of wrapText(where, limit - lead.length)) lines.push(`${lead}${part}`);
        for (const part of wrapText(reason, limit - lead.length - 2)) lines.push(`${lead}  ${part}`);
        continue;
      }
      const columns = [
        verdict.expectationId.padEnd(idWidth),
        verdict.type.padEnd(typeWidth),
        verdict.injectId.padEnd(injectWidth),
        timing.padStart(timingWidth),
      ].join('  ');
      const [first = '', ...more] = wrapText(reason, limit - reasonAt);
      lines.push(`  ${painted} ${columns}  ${first}`.trimEnd());
      for (const part of more) lines.push(`${' '.repeat(reasonAt)}${part}`);
    }
  }

  const total = reports.reduce(
    (sum, report) => ({
      met: sum.met + report.counts.met,
      late: sum.late + report.counts.late,
      missed: sum.missed + report.counts.missed,
      notApplicable: sum.notApplicable + report.counts.notApplicable,
    }),
    { met: 0, late: 0, missed: 0, notApplicable: 0 },
  );
  const scenarios = `${reports.length} scenario${reports.length === 1 ? '' : 's'}`;
  const totals =
    `Totals: ${total.met} met, ${total.late} late, ${total.missed} missed, ${total.notApplicable} n/a ` +
    `(${all.length} expectations, ${scenarios})`;
  for (const part of wrapText(totals, limit)) lines.push(bold(part));
  return `${lines.join('\n')}\n`;
}
