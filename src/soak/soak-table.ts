import { formatDuration } from '../clock/duration.ts';
import type { SoakReport } from './soak.ts';

const HEADINGS = ['sink', 'type', 'encoder', 'written', 'delivered', 'lost', 'lag p50', 'lag p99'];

/** The end-of-soak table: one row per sink, then the verdict against `--max-loss`. */
export function renderSoakTable(report: SoakReport): string {
  const rows = report.sinks.map((sink) => [
    sink.id,
    sink.type,
    sink.encoder,
    String(sink.written),
    String(sink.delivered),
    String(sink.lost),
    sink.lagMs ? `${Math.round(sink.lagMs.p50)} ms` : '-',
    sink.lagMs ? `${Math.round(sink.lagMs.p99)} ms` : '-',
  ]);
  const widths = HEADINGS.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => row[column]!.length)),
  );
  // Names left-aligned, numbers right-aligned, as a reader compares them.
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const errors = report.sinks
    .filter((sink) => sink.lastError)
    .map((sink) => `  ${sink.id}: ${sink.lastError}`);
  const verdict =
    report.failing.length === 0
      ? `no sink lost more than ${percent(report.maxLoss)} of its records`
      : `${report.failing.join(', ')} lost more than ${percent(report.maxLoss)} of its records`;
  const stopped =
    report.replayed < report.events ? [`stopped after ${report.replayed} of ${report.events} events`] : [];
  return [
    `soak ${report.target}: ${report.events} events (${formatDuration(report.coveredMs)} of ${report.level} background traffic, seed ${report.seed}) at ×${report.speed} in ${formatDuration(report.wallMs)}`,
    line(HEADINGS),
    ...rows.map(line),
    ...stopped,
    ...(errors.length > 0 ? ['last delivery errors:', ...errors] : []),
    verdict,
    '',
  ].join('\n');
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(4))}%`;
}
