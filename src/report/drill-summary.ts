import { markdownCell } from './markdown.ts';
import type { RunReport } from './model.ts';

export const DRILL_SUMMARY_FILES = {
  json: 'summary.json',
  markdown: 'index.md',
  html: 'index.html',
} as const;

/** One row per scenario run in the drill: what an auditor opens first, and links into each run folder. */
export interface DrillSummaryRow {
  scenarioId: string;
  title: string;
  folder: string;
  met: number;
  late: number;
  missed: number;
  notApplicable: number;
  exitCode: number | null;
  entries: number;
  finalHash: string | null;
  signedBy: string | null;
}

export interface DrillSummary {
  format: 'phi-drill.drill-summary/1';
  exitCode: number;
  runs: DrillSummaryRow[];
}

export function drillSummary(reports: readonly RunReport[], exitCode: number): DrillSummary {
  return {
    format: 'phi-drill.drill-summary/1',
    exitCode,
    runs: reports.map((report) => ({
      scenarioId: report.run.scenarioId,
      title: report.run.title,
      folder: report.run.scenarioId,
      ...report.counts,
      exitCode: report.finished?.exitCode ?? null,
      entries: report.evidence.entries,
      finalHash: report.evidence.finalHash,
      signedBy: report.evidence.signature?.publicKeyFingerprint ?? null,
    })),
  };
}

export function renderDrillJson(summary: DrillSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

const HEADERS = ['scenario', 'met', 'late', 'missed', 'n/a', 'exit', 'ledger head'];

function cells(row: DrillSummaryRow): string[] {
  return [
    row.scenarioId,
    String(row.met),
    String(row.late),
    String(row.missed),
    String(row.notApplicable),
    row.exitCode === null ? 'unfinished' : String(row.exitCode),
    row.finalHash === null ? '—' : `${row.finalHash.slice(0, 16)}…`,
  ];
}

const VERIFY_HINT =
  'Check it: `phi-drill verify <this folder>` verifies every run and this summary against the trust file.';

export function renderDrillMarkdown(summary: DrillSummary): string {
  const rows = summary.runs.map((row) => {
    const [id, ...rest] = cells(row);
    return `| [${markdownCell(id!)}](${encodeURI(row.folder)}/report.md) | ${rest.map(markdownCell).join(' | ')} |`;
  });
  return [
    '# Drill summary',
    '',
    `Exit code ${summary.exitCode} across ${summary.runs.length} scenario run(s).`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map(() => '---').join('|')}|`,
    ...rows,
    '',
    VERIFY_HINT,
    '',
  ].join('\n');
}

export function renderDrillHtml(summary: DrillSummary): string {
  const head = HEADERS.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const rows = summary.runs
    .map((row) => {
      const [id, ...rest] = cells(row);
      const link = `<a href="${escapeHtml(encodeURI(row.folder))}/report.md">${escapeHtml(id!)}</a>`;
      return `<tr><td>${link}</td>${rest.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Drill summary</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}</style>
</head>
<body>
<main>
<h1>Drill summary</h1>
<p>Exit code ${summary.exitCode} across ${summary.runs.length} scenario run(s).</p>
<table><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table>
<p>${escapeHtml(VERIFY_HINT.replaceAll('`', ''))}</p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
