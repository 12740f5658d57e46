import { formatDuration } from '../clock/duration.ts';
import { localClockTime } from '../clock/local-time.ts';
import { csvRow } from '../csv.ts';
import { markdownCell } from '../report/markdown.ts';
import { containmentOf } from '../scenario/containment.ts';
import type { MselEntry, Scenario } from '../scenario/types.ts';

/** One row of the master scenario events list (HSEEP MSEL): an inject, when it lands, and what it asks of the table. */
export interface MselRow {
  /** 1-based, in drill-time order. */
  number: number;
  id: string;
  injector: string;
  /** Drill time (epoch ms on the run clock). */
  at: number;
  /** `T+6h` from the start of the exercise. */
  offset: string;
  /** `2026-03-03 14:00 EST` in the organisation's zone: when the table hears it. */
  localTime: string;
  msel?: MselEntry;
  /** Expectations whose windows this inject opens. */
  expectations: string[];
  /** Per `contain` expectation: what stops the exposure and the estate interface a responder calls. */
  containment: string[];
}

/**
 * The scenario's injects as MSEL rows. Pure and clock-free: T0 is the end of the scenario's steady
 * state, as the runner counts it, so the times match the drill clock exactly.
 */
export function mselRows(scenario: Scenario): MselRow[] {
  const t0 = exerciseStart(scenario);
  return scenario.injects
    .map((inject, index) => ({ inject, index }))
    .toSorted((a, b) => a.inject.atMs - b.inject.atMs || a.index - b.index)
    .map(({ inject }, index) => ({
      number: index + 1,
      id: inject.id,
      injector: inject.injector,
      at: t0 + inject.atMs,
      offset: `T+${formatDuration(inject.atMs)}`,
      localTime: localClockTime(t0 + inject.atMs, scenario.estate.timezone),
      ...(inject.msel ? { msel: inject.msel } : {}),
      expectations: scenario.expectations.filter((e) => e.inject === inject.id).map((e) => e.id),
      containment: scenario.expectations.flatMap((e) =>
        e.type === 'contain' && e.inject === inject.id
          ? [`${e.id}: ${describeContainment(inject.injector, e.condition)}`]
          : [],
      ),
    }));
}

/** `revoke the token — via DELETE …` or `… — built-in responder only (no estate interface yet)`. */
export function describeContainment(injector: string, condition: string): string {
  const route = containmentOf(injector, condition);
  if (!route) return condition;
  return route.interfaces.length > 0
    ? `${route.action} — via ${route.interfaces.join(' or ')}`
    : `${route.action} — built-in responder only (no estate interface yet)`;
}

/** T+0: the end of the steady state, where the runner counts inject offsets from (as planScenario does). */
function exerciseStart(scenario: Scenario): number {
  return scenario.estate.start + scenario.estate.steadyStateMs;
}

/** Injects a facilitator would have nothing to read out for. */
export function injectsWithoutMsel(rows: readonly MselRow[]): string[] {
  return rows.filter((row) => !row.msel).map((row) => row.id);
}

/** The MSEL as a Markdown document, for the controller/evaluator handbook. */
export function mselMarkdown(scenario: Scenario, rows: readonly MselRow[]): string {
  const t0 = exerciseStart(scenario);
  const lines = [
    `# Master scenario events list — ${scenario.title}`,
    '',
    `Scenario \`${scenario.id}\` · severity ${scenario.severity} · organisation time zone ${scenario.estate.timezone}`,
    `T+0 is ${localClockTime(t0, scenario.estate.timezone)}, the end of the ${scenario.estate.steadyState} steady state.`,
    'Controllers and evaluators only: the expected player actions are not read to the table.',
    '',
    '| # | Drill time | Local time | Inject | From | To | Message | Expected player action | Expectations | Containment |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows
      .map((row) =>
        [
          row.number,
          row.offset,
          row.localTime,
          `\`${row.id}\` (${row.injector})`,
          row.msel?.from ?? '—',
          row.msel?.to ?? '—',
          row.msel?.message ?? 'no MSEL entry in the scenario',
          row.msel?.expectedAction ?? '—',
          row.expectations.join(', '),
          row.containment.join('; ') || '—',
        ]
          .map((value) => markdownCell(String(value)))
          .join(' | '),
      )
      .map((row) => `| ${row} |`),
    '',
  ];
  return lines.join('\n');
}

export const MSEL_CSV_HEADER = [
  'number',
  'drill_time',
  'local_time',
  'inject',
  'injector',
  'from',
  'to',
  'message',
  'expected_player_action',
  'expectations',
  'containment',
] as const;

/** The MSEL as CSV (RFC 4180), for the spreadsheet controllers usually keep it in. */
export function mselCsv(rows: readonly MselRow[]): string {
  return [
    csvRow(MSEL_CSV_HEADER),
    ...rows.map((row) =>
      csvRow([
        row.number,
        row.offset,
        row.localTime,
        row.id,
        row.injector,
        row.msel?.from,
        row.msel?.to,
        row.msel?.message,
        row.msel?.expectedAction,
        row.expectations.join(';'),
        row.containment.join('; '),
      ]),
    ),
  ].join('');
}
