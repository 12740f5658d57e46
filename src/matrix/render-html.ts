import type { Matrix } from './cells.ts';
import { compactDuration } from './render-text.ts';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A self-contained heat map (inline CSS, no scripts, nothing fetched): one row per leak pattern,
 * one column per monitoring configuration, each cell coloured by status with its latencies and the
 * reason a cell is not met in its title.
 */
export function renderMatrixHtml(matrix: Matrix): string {
  const head = matrix.configs
    .map((config) => `<th scope="col" title="${escapeHtml(config.title)}">${escapeHtml(config.heading)}</th>`)
    .join('');
  const rows = matrix.rows
    .map((row) => {
      const cells = matrix.configs
        .map((config) => {
          const cell = row.cells.find((c) => c.config === config.id);
          if (!cell) return '<td class="none">-</td>';
          const latencies = [
            cell.detectMs === undefined ? '' : `detect ${compactDuration(cell.detectMs)}`,
            cell.logMs === undefined ? '' : `log ${compactDuration(cell.logMs)}`,
          ].filter(Boolean);
          const title = cell.why ? ` title="${escapeHtml(cell.why)}"` : '';
          return `<td class="${cell.status}" data-config="${escapeHtml(config.id)}"${title}><b>${cell.status}</b>${latencies.map((l) => `<br>${l}`).join('')}</td>`;
        })
        .join('');
      return `<tr data-scenario="${escapeHtml(row.scenario)}"><th scope="row" title="${escapeHtml(row.title)}">${escapeHtml(row.scenario)}</th>${cells}</tr>`;
    })
    .join('\n');
  const legend = matrix.configs
    .map((config) => `<li><b>${escapeHtml(config.heading)}</b>: ${escapeHtml(config.title)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>phi-drill detection-coverage matrix</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: .35rem .6rem; text-align: left; vertical-align: top; }
td.met { background: #cfeccf; }
td.late { background: #fbe7a6; }
td.missed { background: #f4b9b2; }
p.summary { max-width: 60rem; font-weight: 600; }
</style>
</head>
<body>
<h1>Detection-coverage matrix</h1>
<p class="summary">${escapeHtml(matrix.summary)}</p>
<table>
<thead><tr><th scope="col">leak pattern</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<ul>${legend}</ul>
</body>
</html>
`;
}
