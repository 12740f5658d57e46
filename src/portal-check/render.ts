import { escapeXml } from '../report/junit.ts';
import type { CheckResult } from './checks.ts';

const MARK = { pass: 'PASS', finding: 'FIND', 'not-checked': 'SKIP' } as const;

export function renderTable(url: string, results: readonly CheckResult[]): string {
  const findings = results.filter((row) => row.status === 'finding').length;
  const lines = results.map(
    (row) => `  ${MARK[row.status]}  ${row.id.padEnd(28)} ${row.cites.join(', ')}\n        ${row.detail}`,
  );
  return `portal-check ${url}\n${lines.join('\n')}\n${findings} finding(s), ${results.filter((row) => row.status === 'pass').length} passed, ${results.filter((row) => row.status === 'not-checked').length} not checked\n`;
}

export function renderJson(
  url: string,
  results: readonly CheckResult[],
  pagesVisited: readonly string[],
): string {
  return `${JSON.stringify({ url, findings: results.filter((row) => row.status === 'finding').length, pagesVisited, results }, null, 2)}\n`;
}

export function renderJunit(url: string, results: readonly CheckResult[]): string {
  const failures = results.filter((row) => row.status === 'finding').length;
  const skipped = results.filter((row) => row.status === 'not-checked').length;
  const cases = results.map((row) => {
    const name = `${row.id} (${row.cites.join(', ')})`;
    const open = `    <testcase classname="portal-check" name="${escapeXml(name)}">`;
    if (row.status === 'pass') return `${open}</testcase>`;
    const inner =
      row.status === 'finding'
        ? `<failure message="${escapeXml(row.title)}">${escapeXml(row.detail)}</failure>`
        : `<skipped message="${escapeXml(row.detail)}"/>`;
    return `${open}\n      ${inner}\n    </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="phi-drill portal-check" tests="${results.length}" failures="${failures}" skipped="${skipped}">
  <testsuite name="${escapeXml(url)}" tests="${results.length}" failures="${failures}" skipped="${skipped}">
${cases.join('\n')}
  </testsuite>
</testsuites>
`;
}

const html = (text: string) => escapeXml(text);

/** The portal-check section as a standalone HTML page (for the evidence folder or a report). */
export function renderHtml(url: string, results: readonly CheckResult[]): string {
  const rows = results
    .map(
      (row) =>
        `<tr class="${row.status}"><td>${MARK[row.status]}</td><td>${html(row.title)}</td><td>${row.cites.map(html).join('<br>')}</td><td>${html(row.detail)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>portal-check ${html(url)}</title>
<style>body{font-family:sans-serif;margin:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #777;padding:.3rem .5rem;vertical-align:top}.finding td:first-child{background:#ffd6d6}.pass td:first-child{background:#d8f5d8}</style></head>
<body><section id="portal-check"><h2>Portal check: ${html(url)}</h2>
<table><thead><tr><th scope="col">Result</th><th scope="col">Check</th><th scope="col">Cites</th><th scope="col">What was seen</th></tr></thead>
<tbody>
${rows}
</tbody></table></section></body></html>
`;
}
