import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMatrix } from '../../src/matrix/cells.ts';
import { MONITORING_CONFIGS } from '../../src/matrix/configs.ts';
import { renderMatrixHtml } from '../../src/matrix/render-html.ts';
import { compactDuration, renderMatrixMarkdown, renderMatrixTerminal } from '../../src/matrix/render-text.ts';
import type { RunReport } from '../../src/report/model.ts';
import { findBrowser } from '../../src/report/print-pdf.ts';
import type { Verdict } from '../../src/run/verdict.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function verdict(id: string, type: Verdict['type'], status: Verdict['status'], latencyMs?: number): Verdict {
  return {
    expectationId: id,
    type,
    injectId: 'leak',
    status,
    windowMs: 15 * MINUTE,
    injectedAt: 0,
    ...(latencyMs === undefined ? {} : { latencyMs, observedAt: latencyMs }),
    reason: `${id} ${status}`,
    evidence: [],
  };
}

const report = (verdicts: Verdict[]) => ({ verdicts, telemetry: { events: 1000 } }) as unknown as RunReport;

/** fls: met in seconds with real-time, late by hours on hourly files; queue: missed without logs. */
function sample() {
  const run = (scenario: string, config: string, verdicts: Verdict[]) => ({
    scenario,
    title: `${scenario} <title>`,
    leaks: [scenario],
    config,
    report: report(verdicts),
    folder: `/runs/${config}/${scenario}`,
  });
  const configs = MONITORING_CONFIGS.slice(0, 4);
  return buildMatrix(configs, [
    run('fls-overexposure', 'reference', [
      verdict('d', 'detect', 'met', 9000),
      verdict('l', 'log', 'met', 9000),
    ]),
    run('fls-overexposure', 'elf-hourly', [
      verdict('d', 'detect', 'late', 6 * HOUR + 3 * MINUTE),
      verdict('l', 'log', 'late', 6 * HOUR),
    ]),
    run('fls-overexposure', 'elf-daily', [
      verdict('d', 'detect', 'late', 37 * HOUR),
      verdict('l', 'log', 'missed'),
    ]),
    run('fls-overexposure', 'ehr-nightly', [
      verdict('d', 'detect', 'met', 9000),
      verdict('n', 'notify', 'missed'),
    ]),
    run('queue-remnants', 'reference', [verdict('d', 'detect', 'met', 5 * MINUTE)]),
    run('queue-remnants', 'elf-hourly', [verdict('d', 'detect', 'met', 5 * MINUTE)]),
    run('queue-remnants', 'elf-daily', [verdict('d', 'detect', 'met', 5 * MINUTE)]),
    run('queue-remnants', 'ehr-nightly', [verdict('d', 'detect', 'missed')]),
  ]);
}

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('coverage matrix', () => {
  it('takes the worst detect or log verdict per cell, ignores other expectation types, and keeps the slowest latencies', () => {
    const matrix = sample();
    const fls = matrix.rows.find((row) => row.scenario === 'fls-overexposure')!;
    expect(fls.cells.map((cell) => cell.status)).toEqual(['met', 'late', 'missed', 'met']);
    expect(fls.cells[1]).toMatchObject({ detectMs: 6 * HOUR + 3 * MINUTE, logMs: 6 * HOUR });
    expect(fls.cells[2]!.why).toBe('l: l missed');
    expect(matrix.events).toBe(8000);
  });

  it('answers what is caught today and what real-time CRM monitoring buys over hourly files', () => {
    expect(sample().summary).toBe(
      'With reference monitoring, 2 of 2 leaks are caught and logged in time; moving CRM monitoring from hourly event logs to real-time monitoring catches 1 more in time (fls-overexposure).',
    );
  });

  it('fits 80 columns in the terminal, colours only when asked', () => {
    const plain = renderMatrixTerminal(sample(), { color: false });
    for (const line of plain.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(plain).not.toContain('\u001b[');
    expect(plain.split('\n')[1]).toMatch(/^fls-overexposure\s+met 9s\s+late 6h3m\s+missed\s+met 9s$/);
    const coloured = renderMatrixTerminal(sample(), { color: true });
    expect(coloured).toContain('\u001b[33mlate 6h3m');
    expect(coloured).toContain('\u001b[31mmissed');
  });

  it('writes a Markdown table with both latencies and the legend', () => {
    const markdown = renderMatrixMarkdown(sample());
    expect(markdown).toContain('| leak pattern | reference | elf-hourly | elf-daily | ehr-nightly |');
    expect(markdown).toContain(
      '| fls-overexposure | **met** · detect 9s · log 9s | **late** · detect 6h3m · log 6h |',
    );
    expect(markdown).toContain('- **elf-daily**: CRM daily EventLogFiles only, kept 1 day (no add-on)');
  });

  it('compacts durations to two units', () => {
    expect([4000, 12 * MINUTE + 3000, 4 * HOUR + 41 * MINUTE + 7000, 30 * HOUR].map(compactDuration)).toEqual(
      ['4s', '12m3s', '4h41m', '1d6h'],
    );
  });

  it('draws a self-contained HTML heat map that headless Chromium parses into the same cells', async () => {
    const html = renderMatrixHtml(sample());
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).toContain('&lt;title&gt;');
    const browser = findBrowser(process.env);
    if ('problem' in browser) throw new Error(browser.problem);
    const folder = await mkdtemp(join(tmpdir(), 'phi-drill-matrix-'));
    folders.push(folder);
    const file = join(folder, 'matrix.html');
    await writeFile(file, html);
    const { stdout } = await promisify(execFile)(
      browser.path,
      [
        '--headless',
        '--disable-gpu',
        '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND',
        `--user-data-dir=${join(folder, 'profile')}`,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--dump-dom',
        pathToFileURL(file).href,
      ],
      { timeout: 60_000 },
    );
    const cells = [...stdout.matchAll(/<td class="(met|late|missed)" data-config="([\w-]+)"/g)].map(
      (m) => `${m[2]}:${m[1]}`,
    );
    expect(cells).toEqual([
      'reference:met',
      'elf-hourly:late',
      'elf-daily:missed',
      'ehr-nightly:met',
      'reference:met',
      'elf-hourly:met',
      'elf-daily:met',
      'ehr-nightly:missed',
    ]);
    expect(stdout).toContain('<p class="summary">With reference monitoring, 2 of 2 leaks');
    expect(stdout).toMatch(/<tr data-scenario="queue-remnants">/);
  });
});
