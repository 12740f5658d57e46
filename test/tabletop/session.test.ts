import { appendFile, mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { findBrowser } from '../../src/report/print-pdf.ts';
import { readResumable } from '../../src/tabletop/resume.ts';
import { TabletopSession } from '../../src/tabletop/session.ts';
import { PACINGS } from '../../src/tabletop/types.ts';
import { cli } from '../cli/cli-harness.ts';
import { registry } from '../integration/drill-harness.ts';
import { ManualTimers, openSession } from './tabletop-harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('tabletop session', () => {
  it('holds the clock at the start of the exercise until the facilitator moves it', async () => {
    const { session } = await openSession();
    const view = session.view();
    expect(view.phase).toBe('waiting');
    expect(view.now).toBe(view.t0);
    expect(view.injects.map((inject) => inject.status)).toEqual(['pending']);
    expect(view.feed.at(-1)?.text).toMatch(/steady state over/);
    expect(view.board.find((row) => row.id === 'detect-reuse')?.status).toBe('waiting');
  });

  it('advances to the inject, shows provisional verdicts, takes a confirmation and a decision, and judges at the end', async () => {
    const { session, folder } = await openSession();
    session.advanceToNextInject();
    await session.settled();
    let view = session.view();
    expect(view.now).toBe(view.t0 + 6 * HOUR);
    expect(view.injects[0]!.status).toBe('applied');
    expect(view.injects[0]!.msel).toMatchObject({ from: 'Front-desk supervisor', to: 'Privacy officer' });
    expect(view.feed.map((item) => item.text)).toContain(
      'INJECT kiosk-reuse lands (portal-session-reuse): Front-desk supervisor → Privacy officer',
    );
    expect(view.board.find((row) => row.id === 'kiosk-cleared')?.status).toBe('open');

    session.jump(HOUR);
    await session.settled();
    view = session.view();
    expect(view.board.find((row) => row.id === 'detect-reuse')?.status).toBe('met');
    expect(view.deadlines.length).toBeGreaterThan(0);

    session.confirm('kiosk-cleared', 'Dana Reyes', view.now - 15 * 60_000, 'cleared by phone');
    session.confirm('kiosk-cleared', 'Dana Reyes');
    expect(session.view().problem).toMatch(/already confirmed/);
    session.decide({
      by: 'Dana Reyes',
      role: 'privacy officer',
      text: 'Open a breach assessment',
      module: 'Assessment',
    });
    expect(session.view().decisions.map((d) => d.text)).toEqual(['Open a breach assessment']);

    session.jump(61 * DAY);
    await session.settled();
    view = session.view();
    expect(view.phase).toBe('waiting');
    expect(view.deadlines.every((deadline) => deadline.sent)).toBe(true);
    expect(view.feed.map((item) => item.text)).toContainEqual(
      expect.stringMatching(/^NOTICE individual mailed to \d+ individual\(s\)$/),
    );
    session.jump(view.end - view.now);
    await session.settled();
    view = session.view();
    expect(view.phase).toBe('judged');
    expect(view.board.find((row) => row.id === 'kiosk-cleared')?.status).toBe('met');
    expect(view.counts?.missed).toBe(0);

    session.hotwash({ category: 'strength', text: 'Alert reached the analyst in minutes' });
    expect(session.view().suggestedActions).toEqual([]);
    session.hotwash({ category: 'improvement', text: 'Kiosk sessions outlive logout' });
    expect(session.view().suggestedActions).toEqual([
      expect.objectContaining({ action: 'Address: Kiosk sessions outlive logout', owner: 'IR lead' }),
    ]);
    expect(session.view().ratings.map((row) => [row.type, row.suggested])).toEqual([
      ['detect', 'P'],
      ['log', 'P'],
      ['contain', 'P'],
      ['notify', 'P'],
      ['manual', 'P'],
    ]);
    session.rate('contain', 'S');
    expect(session.view().ratings.find((row) => row.type === 'contain')).toMatchObject({
      suggested: 'P',
      rating: 'S',
    });
    session.addAction({
      action: 'Kiosk auto-logout at 5 min',
      capability: 'Containment',
      owner: 'Sam',
      due: '2027-01-15',
    });
    const { afterActionReport } = await session.close();
    const aar = await readFile(afterActionReport, 'utf8');
    expect(aar).toContain('Open a breach assessment');
    const injectSection = section(aar, '### 1. `kiosk-reuse`');
    expect(injectSection).toMatch(/^### 1\. `kiosk-reuse` — 2026-03-03 19:00Z \(T\+6h\)$/m);
    expect(injectSection).toContain(
      '- **Front-desk supervisor → Privacy officer:** A visitor at the waiting-room kiosk tells the front desk',
    );
    expect(injectSection).toContain(
      '- **Expected player action:** Open an incident; pull the portal access log',
    );
    expect(injectSection).toMatch(
      /- \*\*Decided before the next inject:\*\*\n {2}- .* \(T\+7h\) — \*\*Dana Reyes\*\* \(privacy officer\): Open a breach assessment/,
    );
    expect(injectSection).toMatch(/- \*\*Controls:\*\* detect-reuse met \(\d+m(\d+s)?\), .*kiosk-cleared met/);
    expect(aar).toContain('Kiosk auto-logout at 5 min');
    expect(aar).toContain('Alert reached the analyst in minutes');
    expect(aar).toMatch(
      /\| Incident response procedures .*\| Operational Coordination \| P — Performed without challenges \|/,
    );
    expect(aar).toMatch(/\| Breach notification .*\| Public Information and Warning \| P — /);
    expect(aar).toMatch(/\| Audit controls .*\| Forensics and Attribution \| P — /);
    expect(aar).toMatch(
      /Containment .*\| S — Performed with some challenges \(evaluator; the verdicts alone suggest P\) \|/,
    );
    expect(await readFile(join(folder, 'improvement-plan.csv'), 'utf8')).toBe(
      'corrective_action,capability,owner,due\r\nKiosk auto-logout at 5 min,Containment,Sam,2027-01-15\r\n',
    );
    expect(await readFile(join(folder, 'report.md'), 'utf8')).toContain('Open a breach assessment');
    const verified = await verifyRunFolder(folder);
    expect(verified.problems).toEqual([]);
    expect(verified.signed).toBe(true);
    expect(verified.pinned).toEqual([
      { file: 'telemetry.jsonl', status: 'match' },
      { file: 'after-action-report.md', status: 'match' },
      { file: 'after-action-report.html', status: 'match' },
      { file: 'improvement-plan.csv', status: 'match' },
    ]);
    const html = await readFile(join(folder, 'after-action-report.html'), 'utf8');
    expect(html).toContain('<h2>Injects and player actions</h2>');
    expect(html).toContain('<li><strong>Expected player action:</strong> Open an incident;');
    const kinds = verified.entries.map((entry) => entry.kind);
    expect(kinds).toContain('tabletop.decision');
    expect(kinds.at(-1)).toBe('tabletop.closed');

    await writeFile(afterActionReport, aar.replace('Open a breach assessment', 'Do nothing'));
    expect((await verifyRunFolder(folder)).problems).toEqual([
      expect.stringMatching(/^file after-action-report\.md: sha256 \w+ does not match/),
    ]);
    expect(await cli(['verify', folder])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /files {6}telemetry\.jsonl, after-action-report\.html, improvement-plan\.csv match their SHA-256 in the ledger/,
      ),
    });
  });

  it('the AAR files a decision under the inject it answered, and one taken before any inject under none', async () => {
    const { session } = await openSession();
    session.decide({ by: 'Ada Facil', role: 'facilitator', text: 'Ground rules read' });
    session.jump(400 * DAY);
    await session.settled();
    const { afterActionReport } = await session.close();
    const aar = await readFile(afterActionReport, 'utf8');
    const injectSection = section(aar, '### 1. `kiosk-reuse`');
    expect(injectSection).toContain('- **Decided before the next inject:** nothing recorded');
    expect(injectSection).not.toContain('Ground rules read');
    expect(injectSection).toMatch(/- \*\*Controls:\*\* .*kiosk-cleared missed/);
    const chart = section(aar, '### Response against the clock');
    expect(chart).toMatch(/^detect-reuse +─+●┤ +met in 21m \(window 30m\)$/m);
    expect(chart).toMatch(/^kiosk-cleared +─+✗ +missed \(window 2h\)$/m);
    expect(aar).toContain('**Ada Facil** (facilitator): Ground rules read');
  });

  it.skipIf('problem' in findBrowser(process.env))(
    'with Chromium at hand the AAR is also printed to PDF, pinned beside the others',
    async () => {
      const { session, folder } = await openSession('portal-session-reuse', PACINGS[0], undefined, {
        PATH: process.env.PATH,
      });
      session.jump(400 * DAY);
      await session.settled();
      const closed = await session.close();
      expect(closed.printed).toEqual({ pdf: join(folder, 'after-action-report.pdf') });
      expect(session.view().printed).toEqual(closed.printed);
      expect((await readFile(join(folder, 'after-action-report.pdf'))).subarray(0, 5).toString()).toBe(
        '%PDF-',
      );
      const verified = await verifyRunFolder(folder);
      expect(verified.problems).toEqual([]);
      expect(verified.pinned.map((pin) => pin.file)).toContain('after-action-report.pdf');
      expect(await session.close()).toBe(closed);
    },
  );

  it('without a browser the drill still closes, with the HTML to print and the reason there is no PDF', async () => {
    const { session, folder } = await openSession('portal-session-reuse', PACINGS[0], undefined, {
      PATH: process.env.PATH,
      PHI_DRILL_CHROMIUM: 'off',
    });
    session.jump(400 * DAY);
    await session.settled();
    const [first, second] = await Promise.all([session.close(), session.close()]);
    expect(second).toBe(first);
    expect(first.printed).toEqual({ problem: 'printing is off (PHI_DRILL_CHROMIUM=off)' });
    const verified = await verifyRunFolder(folder);
    expect(verified.problems).toEqual([]);
    expect(verified.pinned.map((pin) => pin.file)).toEqual([
      'telemetry.jsonl',
      'after-action-report.md',
      'after-action-report.html',
      'improvement-plan.csv',
    ]);
    expect(verified.entries.filter((entry) => entry.kind === 'tabletop.closed')).toHaveLength(1);
  });

  it('a close that fails (the report cannot be written) can be tried again once the cause is gone', async () => {
    const { session, folder } = await openSession('portal-session-reuse', PACINGS[0], undefined, {
      PHI_DRILL_CHROMIUM: 'off',
    });
    session.jump(400 * DAY);
    await session.settled();
    const blocker = join(folder, 'after-action-report.md');
    await mkdir(blocker);
    await expect(session.close()).rejects.toThrow(/EISDIR/);
    expect(session.view().phase).toBe('judged');
    await rmdir(blocker);
    const closed = await session.close();
    expect(closed.afterActionReport).toBe(blocker);
    const verified = await verifyRunFolder(folder);
    expect(verified.problems).toEqual([]);
    expect(verified.entries.filter((entry) => entry.kind === 'tabletop.closed')).toHaveLength(1);
  });

  it('misses a manual expectation nobody confirmed: the table is present, so silence is a miss', async () => {
    const { session } = await openSession();
    session.jump(DAY);
    await session.settled();
    expect(session.view().board.find((row) => row.id === 'kiosk-cleared')?.status).toBe('overdue');
    session.jump(200 * DAY);
    await session.settled();
    expect(session.view().board.find((row) => row.id === 'kiosk-cleared')?.status).toBe('missed');
  });

  it('plays at the pacing rate and pauses when an inject lands', async () => {
    const timers = new ManualTimers();
    const { session } = await openSession('portal-session-reuse', PACINGS[3]!, timers);
    session.play();
    for (let tick = 0; tick < 30 && session.view().playing; tick += 1) {
      timers.fire();
      await session.settled();
    }
    const view = session.view();
    expect(view.playing).toBe(false);
    expect(view.now).toBe(view.t0 + 6 * HOUR);
    expect(view.injects[0]!.status).toBe('applied');
  });

  it('refuses to play under facilitator pacing and rejects bad commands with a reason', async () => {
    const { session } = await openSession();
    session.play();
    expect(session.view().problem).toMatch(/facilitator-paced/);
    session.confirm('detect-reuse', 'Ada');
    expect(session.view().problem).toMatch(/controls decide it/);
    session.confirm('kiosk-cleared', 'Ada');
    expect(session.view().problem).toMatch(/has not landed/);
    session.rate('detect', 'P');
    expect(session.view().problem).toMatch(/rated once the drill is judged/);
    session.addAction({ action: 'x', capability: 'y', owner: 'z', due: '2027-02-30' });
    expect(session.view().problem).toMatch(/YYYY-MM-DD/);
    await expect(session.close()).rejects.toThrow(/still running/);
  });

  it('suggests an improvement for every expectation missed, owned by the participant in the right role', async () => {
    const { session } = await openSession();
    session.jump(200 * DAY);
    await session.settled();
    const suggested = session.view().suggestedActions;
    expect(suggested).toEqual([
      expect.objectContaining({
        action: expect.stringContaining('kiosk-cleared'),
        capability: 'Incident response procedures (164.308(a)(6))',
        owner: 'IR lead',
      }),
    ]);
  });
});

describe('resuming an interrupted session', () => {
  it('picks up from the ledger after a kill mid-write: same record, no duplicates, and the chain verifies', async () => {
    const { session, folder, scenario, file, text } = await openSession();
    session.advanceToNextInject();
    await session.settled();
    session.jump(HOUR);
    await session.settled();
    session.confirm('kiosk-cleared', 'Dana Reyes', session.view().now - 10 * 60_000);
    session.decide({ by: 'Ada Facil', role: 'facilitator', text: 'Call the kiosk vendor' });
    const before = session.view();
    session.dispose();
    // The process died while appending: half a line at the end of the ledger.
    await appendFile(join(folder, 'ledger.jsonl'), '{"kind":"tabletop.decis');

    const drill = await readResumable(folder);
    expect(drill.notes[0]).toMatch(/torn/);
    const resumed = TabletopSession.resume(
      {
        scenario,
        scenarioFile: file,
        scenarioText: text,
        registry,
        folder,
        participants: drill.participants,
        pacing: drill.pacing,
        timers: new ManualTimers(),
      },
      drill.point,
    );
    await resumed.settled();
    let view = resumed.view();
    expect(view.now).toBe(before.now);
    expect(view.decisions.map((d) => d.text)).toEqual(['Call the kiosk vendor']);
    expect(view.participants).toEqual(before.participants);
    expect(view.feed.at(-1)?.text).toMatch(/resumed/);
    expect(await readFile(join(folder, `ledger.jsonl.torn-${drill.point.entries.length}`), 'utf8')).toBe(
      '{"kind":"tabletop.decis',
    );

    resumed.jump(view.end - view.now);
    await resumed.settled();
    view = resumed.view();
    expect(view.board.find((row) => row.id === 'kiosk-cleared')?.status).toBe('met');
    await resumed.close();
    const verified = await verifyRunFolder(folder);
    expect(verified.problems).toEqual([]);
    const kinds = verified.entries.map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'inject.applied')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'run.started')).toHaveLength(1);
    expect(kinds).toContain('tabletop.resumed');
    await expect(readResumable(folder)).rejects.toThrow(/was closed/);
  });

  it('refuses a ledger that was tampered with, and a scenario run that diverges from its ledger', async () => {
    const { session, folder, scenario, file, text } = await openSession();
    session.advanceToNextInject();
    await session.settled();
    session.dispose();
    const drill = await readResumable(folder);
    const changed = { ...scenario, estate: { ...scenario.estate, seed: scenario.estate.seed + 1 } };
    expect(() =>
      TabletopSession.resume(
        {
          scenario: changed,
          scenarioFile: file,
          scenarioText: text,
          registry,
          folder,
          participants: drill.participants,
          pacing: drill.pacing,
          timers: new ManualTimers(),
        },
        drill.point,
      ),
    ).toThrow(/cannot resume: entry 0 \(run.started\)/);
    expect((await verifyRunFolder(folder)).problems).toEqual([]);

    // Same plan, different traffic: the divergence shows up mid-run and stays on screen.
    const quieter = TabletopSession.resume(
      {
        scenario: { ...scenario, background: 'light' },
        scenarioFile: file,
        scenarioText: text,
        registry,
        folder,
        participants: drill.participants,
        pacing: drill.pacing,
        timers: new ManualTimers(),
      },
      (await readResumable(folder)).point,
    );
    await quieter.settled();
    expect(quieter.view().problem).toMatch(/^the run failed: cannot resume: entry \d+ \(steady-state\)/);
    quieter.decide({ by: 'Ada Facil', role: 'facilitator', text: 'Stop and check the scenario file' });
    expect(quieter.view().problem).toMatch(/^the run failed/);
    quieter.dispose();

    const ledgerPath = join(folder, 'ledger.jsonl');
    const lines = (await readFile(ledgerPath, 'utf8')).split('\n');
    lines[3] = lines[3]!.replace('"at":', '"at":1');
    await writeFile(ledgerPath, lines.join('\n'));
    await expect(readResumable(folder)).rejects.toThrow(/does not verify/);
  });
});

/** From a heading to the next heading of any level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no "${heading}" in the report`);
  const next = markdown.slice(start + heading.length).search(/^#{1,3} /m);
  return markdown.slice(start, next < 0 ? undefined : start + heading.length + next);
}
