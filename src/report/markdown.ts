import { formatInZone } from '../clock/civil-date.ts';
import { formatDuration } from '../clock/duration.ts';
import type { VerdictStatus } from '../run/verdict.ts';
import type { DeliveryNote } from '../telemetry/delivery/delivery-note.ts';
import type { Monitoring } from '../telemetry/delivery/monitoring.ts';
import { breachSection } from './breach-section.ts';
import { isoTime, offsetLabel } from './format.ts';
import { code, markdownCell, row } from './markdown-text.ts';
import type { RunReport } from './model.ts';

export { markdownCell } from './markdown-text.ts';

const STATUS_LABEL: Record<VerdictStatus, string> = {
  met: 'met',
  late: 'late',
  missed: '**missed**',
  'not-applicable': 'n/a',
};

/** Markdown after-action report: summary, scorecard, breach assessment, timeline, steady state, evidence. */
export function renderMarkdown(report: RunReport): string {
  return [
    header(report),
    scorecard(report),
    browserEvidence(report),
    breachSection(report.breach),
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
    `| Started | ${isoTime(run.start)}, ${formatInZone(run.start, run.timezone)} in the organisation's zone (${markdownCell(run.timezone)}); times below in both |`,
    `| Controls | enabled: ${controls}; disabled: ${disabled} |`,
    ...(report.plan?.monitoring ? [`| Monitoring | ${describeMonitoring(report.plan.monitoring)} |`] : []),
    `| Summary | ${counts.met} met, ${counts.late} late, ${counts.missed} missed, ${counts.notApplicable} not applicable; ${result} |`,
    `| Tool | phi-drill ${markdownCell(run.toolVersion)} |`,
    '',
  ].join('\n');
}

/** The part of a latency the telemetry pipeline took: from the event to its source publishing it. */
function deliveryCell(delivery: DeliveryNote, injectedAt: number): string {
  const waited = delivery.deliveredAt - delivery.occurredAt;
  return `${formatDuration(waited)} (${code(delivery.source)}; event at +${formatDuration(delivery.occurredAt - injectedAt)})`;
}

function describeMonitoring(monitoring: Monitoring): string {
  return [
    `CRM ${code(monitoring.crm)} (event logs kept ${formatDuration(monitoring.crmLogRetentionMs)})`,
    // Reports written before the CRM audit objects and storage logs had settings of their own lack them.
    ...(monitoring.crmAudit
      ? [
          `CRM audit objects ${code(monitoring.crmAudit)} (every ${formatDuration(monitoring.crmAuditPollMs)})`,
        ]
      : []),
    `EHR audit ${code(monitoring.ehrAudit)}`,
    `logs ${code(monitoring.logs)} (flush ${formatDuration(monitoring.forwarderFlushMs)}, kept ${formatDuration(monitoring.logRetentionMs)})`,
    ...(monitoring.storageLogs ? [`storage ${code(monitoring.storageLogs)}`] : []),
  ].join('; ');
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
      verdict.delivery ? deliveryCell(verdict.delivery, verdict.injectedAt) : '—',
      markdownCell(verdict.reason),
    ]),
  );
  return [
    '## Scorecard',
    '',
    ...(rows.length === 0
      ? ['No verdicts were recorded.']
      : [
          row([
            'Expectation',
            'Type',
            'Inject',
            'Window',
            'Verdict',
            'Latency',
            'Of which delivery',
            'Reason',
          ]),
          row(['---', '---', '---', '---', '---', '---', '---', '---']),
          ...rows,
        ]),
    '',
  ].join('\n');
}

/** What the browser showed, beside the verdicts: screenshots inline, the HAR linked, each with its hash. */
function browserEvidence(report: RunReport): string {
  if (report.artifacts.length === 0) return '';
  const lines = ['## Browser evidence', ''];
  for (const artifact of report.artifacts) {
    const shown = artifact.mediaType.startsWith('image/')
      ? `![${artifact.label}](${artifact.file})`
      : `[${artifact.file}](${artifact.file})`;
    lines.push(
      `- ${code(artifact.injectId)}: ${markdownCell(artifact.label)}: sha256 ${code(artifact.sha256.slice(0, 16))}…`,
      '',
      `  ${shown}`,
      '',
    );
  }
  return lines.join('\n');
}

function timeline(report: RunReport): string {
  const zone = report.run.timezone;
  const rows = report.timeline.map((item) =>
    row([
      offsetLabel(item.offsetMs),
      isoTime(item.at),
      formatInZone(item.at, zone),
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
          row(['T+', 'Time (UTC)', `Local (${markdownCell(zone)})`, 'Event', 'Subject', 'Detail']),
          row(['---', '---', '---', '---', '---', '---']),
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
