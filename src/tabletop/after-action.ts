import { formatDuration } from '../clock/duration.ts';
import { csvRow } from '../csv.ts';
import { markdownCell } from '../report/markdown.ts';
import type { Verdict } from '../run/verdict.ts';
import { type AarArtifact, injectEvidenceLines } from './aar-evidence.ts';
import { RATING_TEXT } from './capabilities.ts';
import { responseChart } from './response-chart.ts';
import type { ImprovementAction, TabletopView } from './types.ts';

export interface AfterActionInput {
  view: TabletopView;
  verdicts: readonly Verdict[];
  /** Wall-clock ISO time the report was written. */
  writtenAt: string;
  /** The ledger as it stood just before the closing entry that pins this report. */
  ledger: { entries: number; head: string };
  /** Screenshots and HARs the browser injects pinned, shown beside each inject's verdicts. */
  artifacts?: readonly AarArtifact[];
}

/**
 * The after-action report and improvement plan (HSEEP AAR/IP layout): overview, capability ratings
 * from the verdicts, the drill timeline, decisions, hot wash, and the improvement matrix.
 */
export function afterActionReport({
  view,
  verdicts,
  writtenAt,
  ledger,
  artifacts = [],
}: AfterActionInput): string {
  const when = (at: number) => `${utc(at)} (T+${formatDuration(Math.max(0, at - view.t0))})`;
  const lines: string[] = [
    `# After-action report and improvement plan — ${view.scenario.title}`,
    '',
    '## Exercise overview',
    '',
    `- Exercise: tabletop (discussion-based) drill of scenario \`${view.scenario.id}\`, severity ${view.scenario.severity}`,
    `- Organisation: ${view.organisation}`,
    `- Report written: ${writtenAt}`,
    `- Drill window: ${utc(view.t0)} → ${utc(view.end)} (drill clock, ${view.scenario.timezone})`,
    `- HIPAA: ${view.scenario.hipaa.join(', ')}${view.scenario.attack.length ? ` · ATT&CK: ${view.scenario.attack.join(', ')}` : ''}`,
    '',
    view.scenario.summary,
    '',
    '### Participants',
    '',
    '| Name | Role |',
    '|---|---|',
    ...view.participants.map((p) => `| ${markdownCell(p.name)} | ${markdownCell(p.role)} |`),
    '',
    '## Analysis of capabilities',
    '',
    '| Capability | Core capability (HSEEP) | Rating | Expectations |',
    '|---|---|---|---|',
    ...capabilityRows(view, verdicts),
    '',
    ...clockSection(verdicts),
    '### Expectations',
    '',
    '| Expectation | Type | Verdict | Detail |',
    '|---|---|---|---|',
    ...verdicts.map(
      (v) =>
        `| ${markdownCell(v.expectationId)} | ${v.type} | ${v.status}${v.latencyMs === undefined ? '' : ` (${formatDuration(v.latencyMs)})`} | ${markdownCell(v.reason)} |`,
    ),
    '',
    '## Injects and player actions',
    '',
    'Each inject as the master scenario events list put it to the table, the action the plan expected, and what the table decided before the next inject landed.',
    '',
    ...injectSections(view, verdicts, artifacts, when),
    '## Drill timeline',
    '',
    ...listOr(
      view.feed
        .filter((item) => item.tone !== 'clock' && item.tone !== 'info')
        // Some entries are recorded after the fact (tasks are read back at the end): order by drill time.
        .toSorted((a, b) => a.at - b.at || a.seq - b.seq)
        .map((item) => `- ${when(item.at)} — ${item.text}`),
      'Nothing happened on the drill clock.',
    ),
    '',
    '## Decisions',
    '',
    ...listOr(
      view.decisions.map(
        (d) => `- ${when(d.at)} — **${d.by}** (${d.role})${d.module ? ` [${d.module}]` : ''}: ${d.text}`,
      ),
      'No decisions were recorded.',
    ),
    '',
    '## Hot wash',
    '',
    '### Strengths',
    '',
    ...listOr(hotwash(view, 'strength'), 'None recorded.'),
    '',
    '### Areas for improvement',
    '',
    ...listOr(hotwash(view, 'improvement'), 'None recorded.'),
    '',
    '### Participant notes',
    '',
    ...listOr(hotwash(view, 'note'), 'None recorded.'),
    '',
    '## Improvement plan',
    '',
    ...(view.actions.length === 0
      ? ['No corrective actions were agreed.']
      : [
          '| Corrective action | Capability | Owner | Due |',
          '|---|---|---|---|',
          ...view.actions.map(
            (a) =>
              `| ${markdownCell(a.action)} | ${markdownCell(a.capability)} | ${markdownCell(a.owner)} | ${a.due} |`,
          ),
        ]),
    '',
    '## Evidence',
    '',
    `Everything above was recorded as it happened in \`ledger.jsonl\` (${ledger.entries} entries before this report, head \`${ledger.head}\`).`,
    'Browser evidence (screenshots, HARs) is pinned by its own `artifact` entries. The closing entry pins this report (`after-action-report.md`, and the same as `after-action-report.html`) and `improvement-plan.csv` by SHA-256; check the folder with `phi-drill verify <run folder>`.',
    '',
  ];
  return lines.join('\n');
}

/** The improvement matrix as CSV (RFC 4180), for the tracker the owners actually use. */
export function improvementPlanCsv(actions: readonly ImprovementAction[]): string {
  const rows = [
    ['corrective_action', 'capability', 'owner', 'due'],
    ...actions.map((a) => [a.action, a.capability, a.owner, a.due]),
  ];
  return rows.map(csvRow).join('');
}

function clockSection(verdicts: readonly Verdict[]): string[] {
  const chart = responseChart(verdicts);
  if (chart.length === 0) return [];
  return [
    '### Response against the clock',
    '',
    "Each expectation's window from its inject, on a log scale: `●` answered in time, `▲` answered late, `✗` nothing before the window closed; `◇` where a slow pipeline (a minute or more) published the telemetry behind the answer.",
    '',
    '```text',
    ...chart,
    '```',
    '',
  ];
}

/** Expected against observed, inject by inject: the evaluator's comparison, with the controls' verdicts beside it. */
function injectSections(
  view: TabletopView,
  verdicts: readonly Verdict[],
  artifacts: readonly AarArtifact[],
  when: (at: number) => string,
): string[] {
  const injects = view.injects.toSorted((a, b) => a.at - b.at);
  return injects.flatMap((inject, index) => {
    const next = injects[index + 1]?.at ?? Number.POSITIVE_INFINITY;
    const decided = view.decisions.filter((d) => d.at >= inject.at && d.at < next);
    const judged = verdicts.filter((v) => v.injectId === inject.id);
    return [
      `### ${index + 1}. \`${inject.id}\` — ${when(inject.at)}${inject.status === 'applied' ? '' : ` (${inject.status})`}`,
      '',
      ...(inject.msel
        ? [
            `- **${inject.msel.from} → ${inject.msel.to}:** ${inject.msel.message}`,
            `- **Expected player action:** ${inject.msel.expectedAction}`,
          ]
        : [`- No MSEL entry: the table saw the ${inject.injector} inject land without a message.`]),
      `- **Decided before the next inject:**${decided.length === 0 ? ' nothing recorded' : ''}`,
      ...decided.map((d) => `  - ${when(d.at)} — **${d.by}** (${d.role}): ${d.text}`),
      `- **Controls:** ${
        judged.length === 0
          ? 'no expectations hang on this inject'
          : judged
              .map(
                (v) =>
                  `${v.expectationId} ${v.status}${v.latencyMs === undefined ? '' : ` (${formatDuration(v.latencyMs)})`}`,
              )
              .join(', ')
      }`,
      ...injectEvidenceLines(inject.id, artifacts),
      '',
    ];
  });
}

function capabilityRows(view: TabletopView, verdicts: readonly Verdict[]): string[] {
  return view.ratings.map(({ type, capability, coreCapability, suggested, rating }) => {
    const own = verdicts.filter((verdict) => verdict.type === type);
    const tally = ['met', 'late', 'missed', 'not-applicable']
      .map((status) => [status, own.filter((v) => v.status === status).length] as const)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => `${count} ${status}`)
      .join(', ');
    const given = rating ?? suggested;
    const text = given ? `${given} — ${RATING_TEXT[given]}` : 'not rated';
    const source = rating
      ? ` (evaluator${suggested && suggested !== rating ? `; the verdicts alone suggest ${suggested}` : ''})`
      : '';
    return `| ${capability} | ${coreCapability} | ${text}${source} | ${tally} |`;
  });
}

function hotwash(view: TabletopView, category: 'strength' | 'improvement' | 'note'): string[] {
  return view.hotwash
    .filter((item) => item.category === category)
    .map((item) => `- ${item.by ? `**${item.by}**: ` : ''}${item.text}`);
}

function listOr(items: string[], empty: string): string[] {
  return items.length > 0 ? items : [empty];
}

function utc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}
