import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { TmuxTerminal } from './tmux.ts';

const root = resolve(import.meta.dirname, '../..');
const terminal = new TmuxTerminal();
afterAll(() => terminal.close());

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The shell line a tmux window runs: phi-drill on the project's Node, then its exit status, kept on screen. */
function phiDrill(args: string): string {
  return `cd ${root} && ${process.execPath} bin/phi-drill.mjs ${args}; echo "EXIT $?"; sleep 120`;
}

describe.skipIf(!(await TmuxTerminal.available()))(
  'phi-drill tabletop in a real terminal (tmux, 80×24)',
  () => {
    it('runs a whole drill — confirmation, decision, a kill and --resume, 60-day jump, hot wash — and leaves a verified AAR/IP', async () => {
      const out = await mkdtemp(join(tmpdir(), 'phi-drill-e2e-'));
      await terminal.open('drill', phiDrill(`tabletop portal-session-reuse --out ${out}`));
      // Like a person at the keyboard: wait to see the field, type, wait to see the words, then Enter.
      let window = 'drill';
      const wait = (pattern: RegExp) => terminal.waitFor(window, pattern);
      const keys = (...names: string[]) => terminal.keys(window, ...names);
      const field = async (key: string | undefined, label: RegExp, text: string) => {
        if (key) await keys(key);
        await wait(label);
        await terminal.type(window, text);
        await wait(new RegExp(literal(text.slice(-12))));
        await keys('Enter');
      };

      // Setup: the scenario was named, so the table comes first.
      await wait(/Participants \(0\)/);
      await field('a', /^name\b/m, 'Ada Facil');
      await wait(/role for Ada Facil/);
      await keys('Enter');
      await wait(/Ada Facil — facilitator/);
      await field('a', /^name\b/m, 'Dana Reyes');
      await wait(/role for Dana Reyes/);
      for (let i = 0; i < 10 && !/‹ privacy officer ›/.test(await terminal.screen(window)); i += 1) {
        await keys('Right');
        await new Promise((r) => setTimeout(r, 150));
      }
      await keys('Enter');
      await wait(/Dana Reyes — privacy officer/);
      await keys('Enter');
      await wait(/Pacing/);
      await keys('Enter');

      // Briefing, then the drill.
      await wait(/Ground rules/);
      await keys('Enter');
      await wait(/phase waiting/);
      await keys('n');
      await wait(/INJECT kiosk-reuse lands/);
      // The inject card: what the facilitator reads out, then the expected action, then back to the feed.
      await keys('i');
      await wait(/Front-desk supervisor → Privacy officer/);
      await keys('p');
      await wait(/expected: Open an incident; pull the portal access log/);
      await keys('p');
      await keys('i');
      await wait(/feed \(\d+\) ↑↓ scroll · i inject card/);
      await field('j', /jump by/, '1h');
      await wait(/ALERT portal-session-guard/);
      await field('c', /confirm kiosk-cleared by Ada Facil/, ' at -20m note kiosk browser cleared');
      await wait(/confirmed kiosk-cleared by Ada Facil/);
      await keys('d');
      await wait(/decision by ◀ Ada Facil/);
      await keys('Right');
      await wait(/Dana Reyes \(privacy officer\)/);
      await field('Enter', /decision by Dana Reyes:/, 'Open a breach risk assessment');
      await wait(/DECISION Dana Reyes \(privacy officer\): Open a breach risk assessment/);

      // The terminal dies mid-drill: SIGKILL, no chance to tidy up.
      process.kill(await terminal.programPid(window), 'SIGKILL');
      await wait(/EXIT 137/);
      const [drillFolder] = await readdir(out);
      const [scenarioFolder] = await readdir(join(out, drillFolder!));
      const folder = join(out, drillFolder!, scenarioFolder!);

      window = 'resumed';
      await terminal.open(window, phiDrill(`tabletop --resume ${folder}`));
      const resumed = await wait(/session resumed from \d+ ledger entries/);
      expect(resumed).toMatch(/T\+7h/);
      expect(resumed).toMatch(/Open a breach risk assessment/);

      // Across the 60-day notification window: the countdown shows every notice sent.
      await field('j', /jump by/, '61d');
      const sixtyOneDays = await wait(/T\+61d 7h/);
      expect(sixtyOneDays).toMatch(/all 3 notices sent/);
      await keys('e');
      await wait(/phase judged/);
      await keys('h');

      // Hot wash.
      await wait(/Hot wash/);
      await field('s', /^strength\b/m, 'Alert reached the analyst in 20 minutes');
      await wait(/Strengths \(1\)/);
      await field('i', /^area for improvement\b/m, 'Kiosk sessions outlive logout');
      await wait(/Areas for improvement \(1\)/);
      await keys('o');
      await wait(/enter picks who the note is about/);
      await field('Enter', /note on Ada Facil/, 'Wants a kiosk runbook');
      await wait(/Participant notes \(1\)/);
      await keys('Enter');

      // Close: accept the hot wash's suggestion, type a row of our own, write.
      await wait(/Improvement plan · 0 rows/);
      await keys('y');
      await wait(/Improvement plan · 1 row/);
      await field('a', /new row 1\/4/, 'Server-side logout and a 5-minute kiosk timeout');
      await field(undefined, /new row 2\/4/, 'Containment');
      await wait(/new row 3\/4/);
      await keys('Enter');
      await field(undefined, /new row 4\/4/, '2027-02-28');
      await wait(/Improvement plan · 2 rows/);
      await keys('w');
      await wait(/EXIT 0/);
      // Long paths wrap at 80 columns: read the farewell as one line.
      const farewell = (await terminal.screen(window)).replace(/\n/g, '');
      expect(farewell).toMatch(/after-action report: /);
      // With Chromium on PATH the report is printed too; without one the reason is given instead.
      expect(farewell).toMatch(/printable copy: +\S+after-action-report\.pdf|no PDF: no Chromium on PATH/);

      const aar = await readFile(join(folder, 'after-action-report.md'), 'utf8');
      expect(aar).toMatch(
        /\*\*Dana Reyes\*\* \(privacy officer\) \[Detection\]: Open a breach risk assessment/,
      );
      expect(aar).toMatch(/confirmed kiosk-cleared by Ada Facil — kiosk browser cleared/);
      expect(aar).toContain('- Alert reached the analyst in 20 minutes');
      expect(aar).toContain('- Kiosk sessions outlive logout');
      expect(aar).toContain('- **Ada Facil**: Wants a kiosk runbook');
      expect(aar).toMatch(/\| Address: Kiosk sessions outlive logout \| Incident response procedures/);
      expect(aar).toMatch(
        /\| Server-side logout and a 5-minute kiosk timeout \| Containment \| Ada Facil \| 2027-02-28 \|/,
      );
      expect(aar).toMatch(/\| kiosk-cleared \| manual \| met \(40m\)/);
      const csv = (await readFile(join(folder, 'improvement-plan.csv'), 'utf8')).trim().split('\r\n');
      expect(csv).toHaveLength(3);

      const verified = await verifyRunFolder(folder);
      expect(verified.problems).toEqual([]);
      expect(verified.signed).toBe(true);
      const kinds = verified.entries.map((entry) => entry.kind);
      const count = (kind: string) => kinds.filter((k) => k === kind).length;
      expect(count('inject.applied')).toBe(1);
      expect(count('tabletop.resumed')).toBe(1);
      expect(count('tabletop.decision')).toBe(1);
      expect(count('manual.confirmed')).toBe(1);
      expect(count('tabletop.hotwash')).toBe(3);
      expect(count('tabletop.action')).toBe(2);
      expect(kinds.at(-1)).toBe('tabletop.closed');
    });
  },
);

describe.skipIf(!(await TmuxTerminal.available()))('phi-drill tabletop refusals on a terminal', () => {
  it('says what is wrong with a scenario name or a resume folder, exit 2', async () => {
    await terminal.open('unknown', phiDrill('tabletop no-such-scenario'));
    expect(await terminal.waitFor('unknown', /EXIT 2/)).toMatch(
      /no scenario "no-such-scenario" in scenarios/,
    );
    await terminal.open('nofolder', phiDrill('tabletop --resume /nonexistent/run'));
    expect(await terminal.waitFor('nofolder', /EXIT 2/)).toMatch(/no such run folder: \/nonexistent\/run/);
  });
});
