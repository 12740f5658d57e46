import type { VerdictStatus } from '../run/verdict.ts';
import { latencyVsWindow } from './format.ts';
import type { RunReport } from './model.ts';

export interface ScorecardOptions {
  /** ANSI colours; the caller decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
  /** Unicode marks and dashes; plain ASCII otherwise. */
  unicode: boolean;
  /** Truncate each line to this many columns; no limit when absent. */
  width?: number;
}

const MARK: Record<VerdictStatus, { unicode: string; plain: string; color: number }> = {
  met: { unicode: '✔', plain: 'MET ', color: 32 },
  late: { unicode: '◐', plain: 'LATE', color: 33 },
  missed: { unicode: '✘', plain: 'MISS', color: 31 },
  'not-applicable': { unicode: '–', plain: 'N/A ', color: 90 },
};

/** Console scorecard for one or more scenario runs: a header per run, a row per expectation, totals. */
export function renderScorecard(reports: readonly RunReport[], opts: ScorecardOptions): string {
  const paint = (code: number, text: string) => (opts.color ? `\u001b[${code}m${text}\u001b[39m` : text);
  const bold = (text: string) => (opts.color ? `\u001b[1m${text}\u001b[22m` : text);
  const limit = opts.width ?? Number.POSITIVE_INFINITY;
  const clip = (text: string, columns = limit) => truncate(text, columns, opts);
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

  const lines: string[] = [];
  for (const report of reports) {
    const { run, finished } = report;
    const outcome = finished ? `exit ${finished.exitCode}` : 'did not finish';
    const header = `${run.scenarioId} ${dash} ${run.title} (seed ${run.seed}, ${run.clock} clock, ${outcome})`;
    lines.push(bold(clip(header)));
    if (report.verdicts.length === 0) lines.push(clip('  no verdicts recorded'));
    for (const verdict of report.verdicts) {
      const mark = MARK[verdict.status];
      const rest = [
        verdict.expectationId.padEnd(idWidth),
        verdict.type.padEnd(typeWidth),
        verdict.injectId.padEnd(injectWidth),
        latencyVsWindow(verdict.latencyMs, verdict.windowMs, opts.unicode).padStart(timingWidth),
        verdict.reason.replace(/\s+/g, ' '),
      ].join('  ');
      const room = limit - 2 - markWidth - 1;
      lines.push(
        `  ${paint(mark.color, opts.unicode ? mark.unicode : mark.plain)} ${clip(rest, room)}`.trimEnd(),
      );
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
  lines.push(bold(clip(totals)));
  return `${lines.join('\n')}\n`;
}

function truncate(text: string, columns: number, opts: ScorecardOptions): string {
  const chars = Array.from(text);
  if (chars.length <= columns) return text;
  const ellipsis = opts.unicode ? '…' : '...';
  const keep = Math.max(0, columns - ellipsis.length);
  return `${chars.slice(0, keep).join('').trimEnd()}${ellipsis}`;
}
