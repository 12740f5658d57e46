import { formatDuration } from '../clock/duration.ts';
import type { VerdictStatus } from '../run/verdict.ts';
import { isoTime, offsetLabel } from './format.ts';
import type { RunReport } from './model.ts';

const STATUS_LABEL: Record<VerdictStatus, string> = {
  met: 'met',
  late: 'late',
  missed: '**missed**',
  'not-applicable': 'n/a',
};

/** Markdown after-action report: summary, scorecard, timeline, steady state, evidence. */
export function renderMarkdown(report: RunReport): string {
  return [
    header(report),
    scorecard(report),
    timeline(report),
    steadyState(report),
    ownStack(report),
    evidence(report),
  ]
    .filter((section) => section !== '')
    .join('\n');
}

function header(report: RunReport): string {
  const { run, counts, finished } = report;
  const controls = report.plan?.controls.length ? report.plan.controls.map(code).join(', ') : 'none';
  const disabled = run.disabledControls.length ? run.disabledControls.map(code).join(', ') : 'none';
  const result = finished
    ? `exit code ${finished.exitCode}`
    : 'the run did not finish (no run.finished entry)';
  return [
    `# Drill report: ${markdownCell(run.title)}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Scenario | ${code(run.scenarioId)} from ${code(run.scenarioFile)} (sha256 ${code(run.scenarioSha256)}) |`,
    `| Run | ${code(run.runId)}, seed ${run.seed}, ${run.patients} patients, ${run.clock} clock |`,
    `| Started | ${isoTime(run.start)} (scenario timezone ${markdownCell(run.timezone)}; times below are UTC) |`,
    `| Controls | enabled: ${controls}; disabled: ${disabled} |`,
    `| Summary | ${counts.met} met, ${counts.late} late, ${counts.missed} missed, ${counts.notApplicable} not applicable; ${result} |`,
    `| Tool | phi-drill ${markdownCell(run.toolVersion)} |`,
    '',
  ].join('\n');
}

function scorecard(report: RunReport): string {
  const rows = report.verdicts.map((verdict) =>
    row([
      code(verdict.expectationId),
      verdict.type,
      code(verdict.injectId),
      formatDuration(verdict.windowMs),
      STATUS_LABEL[verdict.status],
      verdict.latencyMs === undefined ? '—' : formatDuration(verdict.latencyMs),
      markdownCell(verdict.reason),
    ]),
  );
  return [
    '## Scorecard',
    '',
    ...(rows.length === 0
      ? ['No verdicts were recorded.']
      : [
          row(['Expectation', 'Type', 'Inject', 'Window', 'Verdict', 'Latency', 'Reason']),
          row(['---', '---', '---', '---', '---', '---', '---']),
          ...rows,
        ]),
    '',
  ].join('\n');
}

function timeline(report: RunReport): string {
  const rows = report.timeline.map((item) =>
    row([
      offsetLabel(item.offsetMs),
      isoTime(item.at),
      item.kind,
      code(item.subject),
      markdownCell(item.summary),
    ]),
  );
  return [
    '## Timeline',
    '',
    `T0 = ${isoTime(report.t0)} (${report.steadyState ? 'end of the steady-state window' : 'run start'}).`,
    '',
    ...(rows.length === 0
      ? ['Nothing happened after the plan.']
      : [
          row(['T+', 'Time (UTC)', 'Event', 'Subject', 'Detail']),
          row(['---', '---', '---', '---', '---']),
          ...rows,
        ]),
    '',
  ].join('\n');
}

/** Only for drills against the user's own stack: delivery per sink, refused deliveries, noise. */
function ownStack(report: RunReport): string {
  if (
    report.sinks.length === 0 &&
    report.rejected.length === 0 &&
    report.noise.length === 0 &&
    !report.witness
  )
    return '';
  const lines = ['## Your stack', ''];
  if (report.sinks.length > 0) {
    lines.push(row(['Sink', 'Encoder', 'Records', 'Sent', 'Failed', 'Dropped', 'Retries']));
    lines.push(row(['---', '---', '---', '---', '---', '---', '---']));
    for (const s of report.sinks) {
      lines.push(
        row([
          code(s.sink),
          s.encoder,
          String(s.records),
          String(s.sent),
          String(s.failed),
          String(s.dropped),
          String(s.retries),
        ]),
      );
    }
    lines.push('');
  }
  if (report.witness) lines.push(witnessLine(report.witness), '');
  for (const r of report.rejected)
    lines.push(
      `- ${isoTime(r.at)} ${code(r.intake)} refused a delivery (${r.status}): ${markdownCell(r.reason)}`,
    );
  for (const n of report.noise) lines.push(`- signal ${code(n.signalId)}: ${n.reason}`);
  lines.push('');
  return lines.join('\n');
}

function steadyState(report: RunReport): string {
  const steady = report.steadyState;
  if (steady === null) return ['## Steady state', '', 'No steady-state window was recorded.', ''].join('\n');
  const window = `${isoTime(steady.from)} to ${isoTime(steady.to)} (${formatDuration(steady.to - steady.from)})`;
  const positives = steady.falsePositives.map((signal) =>
    row([
      isoTime(signal.time),
      code(signal.id),
      code(`${signal.control}/${signal.rule}`),
      signal.severity,
      markdownCell(signal.summary),
    ]),
  );
  return [
    '## Steady state',
    '',
    `${window}: ${steady.events} telemetry events, ${plural(steady.falsePositives.length, 'false positive')}.`,
    '',
    ...(steady.background
      ? [
          `Background traffic: ${steady.background.level}, at ${steady.background.scale === 1 ? 'its real rate' : `${steady.background.scale}× its real rate`}, before and after the injects.`,
          '',
        ]
      : []),
    ...(positives.length === 0
      ? []
      : [
          row(['Time (UTC)', 'Signal', 'Rule', 'Severity', 'Summary']),
          row(['---', '---', '---', '---', '---']),
          ...positives,
          '',
        ]),
  ].join('\n');
}

function evidence(report: RunReport): string {
  const { evidence: ledger, telemetry, finished } = report;
  const signature = ledger.signature
    ? `Ed25519, ${ledger.signature.keyOrigin} key ${code(ledger.signature.publicKeyFingerprint)} (sha256 of the SPKI public key)`
    : 'not signed or not verified';
  const lines = [
    '## Evidence',
    '',
    `- Ledger: ${ledger.entries} entries in \`ledger.jsonl\`, final hash ${ledger.finalHash ? code(ledger.finalHash) : 'not recorded'}`,
    `- Signature: ${signature}; check with \`phi-drill verify <run folder>\``,
  ];
  if (telemetry) {
    const systems = Object.keys(telemetry.bySystem)
      .sort()
      .map((system) => `${system} ${telemetry.bySystem[system]}`)
      .join(', ');
    lines.push(
      `- Telemetry: ${telemetry.events} events in ${code(telemetry.file)} (${systems}), sha256 ${code(telemetry.sha256)}`,
    );
  }
  if (finished)
    lines.push(`- Written: ${finished.wallClock} (wall clock), run took ${formatDuration(finished.wallMs)}`);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Free text from the ledger: no raw HTML, and table cells cannot hold pipes or line breaks. */
export function markdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ')
    .replace(/\|/g, '\\|');
}

/** Code spans show entities literally, so only pipes, line breaks and backticks are neutralised. */
function code(text: string): string {
  return `\`${text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}

/** Where the ledger head was witnessed, so an auditor knows what to compare it with. */
function witnessLine(witness: NonNullable<RunReport['witness']>): string {
  const { head, timestamp, timestampError } = witness;
  const sent = witness.sinks.filter((sink) => sink.sent > 0).map((sink) => code(sink.sink));
  const stamp = timestamp
    ? ` Timestamped ${timestamp.genTime} by ${markdownCell(timestamp.authority)} (${code(timestamp.file)}, serial ${timestamp.serialNumber}).`
    : timestampError
      ? ` No timestamp: ${markdownCell(timestampError)}.`
      : '';
  return `Ledger head ${code(head.hash)} (${head.entries} entries, key ${head.keyFingerprint.slice(0, 16)}…) sent to ${sent.join(', ') || 'no sink'}.${stamp}`;
}
