import type { RunReport } from './model.ts';

/** report.json: the RunReport as pretty JSON, keys in the model's own order. */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
