import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/evidence/ledger.ts';
import { aarArtifacts } from '../../src/tabletop/aar-evidence.ts';
import { afterActionHtml } from '../../src/tabletop/aar-html.ts';
import { afterActionReport } from '../../src/tabletop/after-action.ts';
import { AAR_FILE, AAR_HTML_FILE, closeTabletop } from '../../src/tabletop/close.ts';
import { sampleView } from '../tui/stub-session.ts';

const SCREENSHOT = {
  injectId: 'sync-breaks',
  label: 'patient B opens lab results',
  file: 'artifacts/sync-breaks/01-patient-b-results.png',
  sha256: 'a'.repeat(64),
  mediaType: 'image/png',
};
const HAR = {
  injectId: 'sync-breaks',
  label: 'portal traffic',
  file: 'artifacts/sync-breaks/portal.har',
  sha256: 'b'.repeat(64),
  mediaType: 'application/json',
};

function report(artifacts = [SCREENSHOT, HAR]) {
  return afterActionReport({
    view: sampleView(),
    verdicts: [],
    writtenAt: '2026-03-02T15:00:00Z',
    ledger: { entries: 12, head: 'c'.repeat(64) },
    artifacts,
  });
}

function injectSection(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  return markdown.slice(start, markdown.indexOf('\n###', start + 1));
}

describe('browser evidence in the after-action report', () => {
  it("lists the inject's screenshots and HAR beside its verdicts, linked, with their hashes", () => {
    const section = injectSection(report(), '### 1. `sync-breaks`');
    expect(section).toContain('- **Browser evidence:** 2 files pinned in the ledger');
    expect(section).toContain(
      `  - ![patient B opens lab results](${SCREENSHOT.file}) patient B opens lab results — image/png, sha256 \`aaaaaaaaaaaaaaaa…\``,
    );
    expect(section).toContain(`  - portal traffic: [${HAR.file}](${HAR.file}) — application/json`);
  });

  it('shows nothing for an inject that pinned no files', () => {
    expect(report([])).not.toContain('Browser evidence:');
    expect(injectSection(report(), '### 2. `token-leak`')).not.toContain('Browser evidence');
  });

  it('the HTML page shows screenshots as thumbnails linking to the file, and links the HAR', () => {
    const html = afterActionHtml(report());
    expect(html).toContain(
      `<a href="${SCREENSHOT.file}"><img class="thumb" src="${SCREENSHOT.file}" alt="patient B opens lab results" loading="lazy"></a>`,
    );
    expect(html).toContain(`<a href="${HAR.file}">${HAR.file}</a>`);
  });

  it('the HTML page never links outside the run folder', () => {
    const outside = [
      'javascript:alert(1)',
      '/etc/passwd',
      '../other-run/ledger.jsonl',
      'https://example.test/x.png',
    ];
    const html = afterActionHtml(
      ['# AAR', '', ...outside.map((href) => `- ![x](${href}) and [y](${href})`)].join('\n'),
    );
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<img');
    expect(html).toContain('![x](javascript:alert(1))');
  });

  it('closing a drill reads the artifacts from the ledger into both reports', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'phi-drill-aar-evidence-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const ledger = openLedger(folder);
    ledger.append({
      kind: 'run.started',
      at: 0,
      runId: 'run-aar-evidence',
      scenarioId: 'sync-failure-strands-phi',
      title: 'Sync failure strands PHI',
      scenarioFile: 'scenarios/sync-failure-strands-phi.yaml',
      scenarioSha256: 'd'.repeat(64),
      seed: 1,
      patients: 10,
      clock: 'virtual',
      start: 0,
      timezone: 'America/New_York',
      disabledControls: [],
      toolVersion: '0.0.0',
      wallClock: '2026-03-02T14:00:00Z',
    });
    ledger.append({ kind: 'artifact', at: 0, ...SCREENSHOT });
    expect(aarArtifacts(ledger.entries())).toEqual([SCREENSHOT]);
    await closeTabletop({
      ledger,
      view: sampleView({ folder }),
      verdicts: [],
      now: 1,
      env: { PHI_DRILL_CHROMIUM: 'off' },
    });
    expect(await readFile(join(folder, AAR_FILE), 'utf8')).toContain(
      `![patient B opens lab results](${SCREENSHOT.file})`,
    );
    expect(await readFile(join(folder, AAR_HTML_FILE), 'utf8')).toContain(
      `<img class="thumb" src="${SCREENSHOT.file}"`,
    );
  });
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
