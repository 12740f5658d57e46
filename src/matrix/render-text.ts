import type { CellStatus, Matrix, MatrixCell } from './cells.ts';

/** At most the two largest units: `4s`, `12m3s`, `4h41m`, `1d6h`. */
export function compactDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  let rest = Math.round(ms / 1000) * 1000;
  const out: string[] = [];
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 && out.length < 2) out.push(`${count}${unit}`);
    if (out.length > 0) rest -= count * size;
    if (out.length === 2) break;
  }
  return out.join('') || '0s';
}

/** `met 5s`, `late 4h41m`, `missed`: the status and the slowest detection (else log) latency. */
export function cellText(cell: MatrixCell | undefined): string {
  if (!cell) return '-';
  const latency = cell.detectMs ?? cell.logMs;
  if (cell.status === 'missed' || latency === undefined) return cell.status;
  return `${cell.status} ${compactDuration(latency)}`;
}

const COLOUR: Record<CellStatus, string> = { met: '\u001b[32m', late: '\u001b[33m', missed: '\u001b[31m' };
const RESET = '\u001b[0m';

const pad = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/** The matrix for a terminal: fits `width` (80 by default); colour only when asked. */
export function renderMatrixTerminal(matrix: Matrix, options: { color: boolean; width?: number }): string {
  const width = Math.max(60, options.width ?? 80);
  const cellWidth = 12;
  const labelWidth = Math.max(16, width - matrix.configs.length * cellWidth - 1);
  const lines = [
    pad('leak pattern', labelWidth) +
      matrix.configs.map((config) => ` ${pad(config.heading, cellWidth - 1)}`).join(''),
  ];
  for (const row of matrix.rows) {
    const cells = matrix.configs.map((config) => {
      const cell = row.cells.find((c) => c.config === config.id);
      const text = pad(cellText(cell), cellWidth - 1);
      return ` ${options.color && cell ? `${COLOUR[cell.status]}${text}${RESET}` : text}`;
    });
    lines.push(pad(row.scenario, labelWidth) + cells.join(''));
  }
  lines.push('', ...wrap(matrix.summary, width));
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The matrix as a Markdown table (detection and log latency per cell) with the summary under it. */
export function renderMatrixMarkdown(matrix: Matrix): string {
  const escapeMd = (text: string) => text.replace(/\|/g, '\\|');
  const head = `| leak pattern | ${matrix.configs.map((c) => c.heading).join(' | ')} |`;
  const rule = `|---|${matrix.configs.map(() => '---').join('|')}|`;
  const rows = matrix.rows.map((row) => {
    const cells = matrix.configs.map((config) => {
      const cell = row.cells.find((c) => c.config === config.id);
      if (!cell) return '-';
      const parts = [`**${cell.status}**`];
      if (cell.detectMs !== undefined) parts.push(`detect ${compactDuration(cell.detectMs)}`);
      if (cell.logMs !== undefined) parts.push(`log ${compactDuration(cell.logMs)}`);
      return parts.join(' · ');
    });
    return `| ${escapeMd(row.scenario)} | ${cells.join(' | ')} |`;
  });
  const legend = matrix.configs.map((c) => `- **${c.heading}**: ${escapeMd(c.title)}`);
  return `${[head, rule, ...rows].join('\n')}\n\n${matrix.summary}\n\n${legend.join('\n')}\n`;
}
