import type { RunReport } from '../report/model.ts';
import type { Verdict } from '../run/verdict.ts';
import type { MonitoringConfig } from './configs.ts';

export type CellStatus = 'met' | 'late' | 'missed';

/** One leak pattern under one monitoring configuration: the worst of its detect and log verdicts. */
export interface MatrixCell {
  config: string;
  status: CellStatus;
  /** Slowest detection, from the inject (undefined when nothing was detected). */
  detectMs?: number;
  /** Slowest audit record retrieval, from the inject. */
  logMs?: number;
  /** The first verdict that made the cell worse than met, in a sentence. */
  why?: string;
  folder: string;
}

export interface MatrixRow {
  scenario: string;
  title: string;
  /** The leak patterns (injectors) the scenario exercises. */
  leaks: string[];
  cells: MatrixCell[];
}

export interface Matrix {
  configs: Array<Pick<MonitoringConfig, 'id' | 'heading' | 'title'>>;
  rows: MatrixRow[];
  /** Telemetry events the runs produced, for throughput. */
  events: number;
  summary: string;
}

const RANK: Record<CellStatus, number> = { met: 0, late: 1, missed: 2 };

/** Only what the pipeline can make late: detections and audit records. */
const timed = (verdict: Verdict) => verdict.type === 'detect' || verdict.type === 'log';

export function cellOf(config: string, report: RunReport, folder: string): MatrixCell {
  const verdicts = report.verdicts.filter(timed);
  let status: CellStatus = 'met';
  let why: string | undefined;
  for (const verdict of verdicts) {
    const own: CellStatus = verdict.status === 'late' ? 'late' : verdict.status === 'met' ? 'met' : 'missed';
    if (RANK[own] > RANK[status]) {
      status = own;
      why = `${verdict.expectationId}: ${verdict.reason}`;
    }
  }
  const slowest = (type: Verdict['type']) => {
    const latencies = verdicts
      .filter((v) => v.type === type && v.latencyMs !== undefined)
      .map((v) => v.latencyMs!);
    return latencies.length > 0 ? Math.max(...latencies) : undefined;
  };
  const detectMs = slowest('detect');
  const logMs = slowest('log');
  return {
    config,
    status,
    ...(detectMs === undefined ? {} : { detectMs }),
    ...(logMs === undefined ? {} : { logMs }),
    ...(why ? { why } : {}),
    folder,
  };
}

/**
 * Assembles the matrix from one report per (scenario, config), and answers the security lead's
 * question: with what is collected today (the first column), which leaks are caught in time, and
 * what would real-time CRM monitoring buy over hourly event logs.
 */
export function buildMatrix(
  configs: readonly MonitoringConfig[],
  runs: ReadonlyArray<{
    scenario: string;
    title: string;
    leaks: string[];
    config: string;
    report: RunReport;
    folder: string;
  }>,
): Matrix {
  const rows = new Map<string, MatrixRow>();
  let events = 0;
  for (const run of runs) {
    events += run.report.telemetry?.events ?? 0;
    const row = rows.get(run.scenario) ?? {
      scenario: run.scenario,
      title: run.title,
      leaks: run.leaks,
      cells: [],
    };
    row.cells.push(cellOf(run.config, run.report, run.folder));
    rows.set(run.scenario, row);
  }
  const ordered = [...rows.values()].map((row) => ({
    ...row,
    cells: configs.map((config) => row.cells.find((cell) => cell.config === config.id)!).filter(Boolean),
  }));
  return {
    configs: configs.map(({ id, heading, title }) => ({ id, heading, title })),
    rows: ordered,
    events,
    summary: summarise(configs, ordered),
  };
}

function summarise(configs: readonly MonitoringConfig[], rows: readonly MatrixRow[]): string {
  const today = configs[0];
  if (!today) return 'no monitoring configurations';
  const statusIn = (row: MatrixRow, config: string) =>
    row.cells.find((cell) => cell.config === config)?.status;
  const caught = rows.filter((row) => statusIn(row, today.id) === 'met');
  const parts = [
    `With ${today.id} monitoring, ${caught.length} of ${rows.length} leaks are caught and logged in time`,
  ];
  const slow = rows.filter((row) => statusIn(row, today.id) !== 'met').map((row) => row.scenario);
  if (slow.length > 0) parts.push(`not in time: ${slow.join(', ')}`);
  const hourly = configs.find((config) => config.id === 'elf-hourly');
  const realtime = configs.find((config) => config.monitoring.crm === 'rtem' && config.id !== 'elf-hourly');
  if (hourly && realtime) {
    const bought = rows.filter(
      (row) => statusIn(row, hourly.id) !== 'met' && statusIn(row, realtime.id) === 'met',
    );
    parts.push(
      bought.length > 0
        ? `moving CRM monitoring from hourly event logs to real-time monitoring catches ${bought.length} more in time (${bought.map((row) => row.scenario).join(', ')})`
        : 'moving CRM monitoring from hourly event logs to real-time monitoring catches nothing more in time',
    );
  }
  return `${parts.join('; ')}.`;
}
