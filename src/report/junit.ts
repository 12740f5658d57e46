import { formatDuration } from '../clock/duration.ts';
import type { Verdict } from '../run/verdict.ts';
import { isoTime } from './format.ts';
import type { RunReport } from './model.ts';

/**
 * JUnit XML for CI: one testsuite per scenario run, one testcase per expectation. Missed and late
 * are failures (a late detection still failed its window); not-applicable is skipped.
 * `time` is the observed latency in seconds, the duration that matters for a drill.
 */
export function renderJunit(reports: readonly RunReport[]): string {
  const totals = { tests: 0, failures: 0, skipped: 0 };
  const suites = reports.map((report) => {
    const failures = report.counts.missed + report.counts.late;
    const skipped = report.counts.notApplicable;
    totals.tests += report.verdicts.length;
    totals.failures += failures;
    totals.skipped += skipped;
    const { run } = report;
    const properties = [
      ['runId', run.runId],
      ['title', run.title],
      ['scenarioFile', run.scenarioFile],
      ['scenarioSha256', run.scenarioSha256],
      ['seed', String(run.seed)],
      ['clock', run.clock],
      ['exitCode', report.finished ? String(report.finished.exitCode) : 'unfinished'],
    ]
      .map(([name, value]) => `      <property name="${escapeXml(name!)}" value="${escapeXml(value!)}"/>`)
      .join('\n');
    const cases = report.verdicts.map((verdict) => testcase(run.scenarioId, verdict)).join('\n');
    return [
      `  <testsuite name="${escapeXml(run.scenarioId)}" tests="${report.verdicts.length}" failures="${failures}" ` +
        `errors="0" skipped="${skipped}" timestamp="${isoTime(run.start)}">`,
      '    <properties>',
      properties,
      '    </properties>',
      ...(cases ? [cases] : []),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="phi-drill" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(scenarioId: string, verdict: Verdict): string {
  const seconds = ((verdict.latencyMs ?? 0) / 1000).toFixed(3);
  const open = `    <testcase classname="${escapeXml(scenarioId)}" name="${escapeXml(verdict.expectationId)}" time="${seconds}">`;
  const detail =
    `${verdict.type} expectation on inject ${verdict.injectId}, window ${formatDuration(verdict.windowMs)}` +
    (verdict.latencyMs === undefined ? '' : `, observed after ${formatDuration(verdict.latencyMs)}`) +
    (verdict.evidence.length ? `; evidence: ${verdict.evidence.join(', ')}` : '');
  switch (verdict.status) {
    case 'met':
      return `${open.slice(0, -1)}/>`;
    case 'not-applicable':
      return [open, `      <skipped message="${escapeXml(verdict.reason)}"/>`, '    </testcase>'].join('\n');
    default:
      return [
        open,
        `      <failure type="${verdict.status}" message="${escapeXml(verdict.reason)}">${escapeXml(detail)}</failure>`,
        '    </testcase>',
      ].join('\n');
  }
}

/**
 * Escapes for both text and attribute values, and drops code points XML 1.0 cannot carry at all
 * (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF), which no escape can rescue.
 */
export function escapeXml(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (!allowed) continue;
    switch (char) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&apos;';
        break;
      case '\n':
        out += '&#10;';
        break;
      case '\r':
        out += '&#13;';
        break;
      case '\t':
        out += '&#9;';
        break;
      default:
        out += char;
    }
  }
  return out;
}
