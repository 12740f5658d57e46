import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadlinesCommand } from '../../src/cli/deadlines-command.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, text: () => text };
}

async function run(argv: string[], isTTY = false, columns?: number) {
  const stdout = capture();
  const stderr = capture();
  const io = { stdout: stdout.stream, stderr: stderr.stream, isTTY, columns };
  const code = await deadlinesCommand(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'phi-drill-deadlines-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BASE = ['--discovered', '2026-03-04T07:00-05:00', '--state', 'CA=320', '--state', 'NY=501'];

describe('phi-drill deadlines', () => {
  it('prints the assessment and obligations as JSON', async () => {
    const result = await run([...BASE, '--phi', 'ssn,diagnosis', '--json']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.assessment.outcome).toBe('presumed-breach');
    expect(parsed.facts.phiTypes).toEqual(['ssn', 'diagnosis']);
    expect(parsed.stateLaws.version).toMatch(/^\d{4}\./);
    // CA: 15 business days from Wed Mar 4 → Mar 25. HIPAA: Mar 4 + 60 = May 3. NY deems HIPAA notice
    // compliant (GBL §899-aa(2)(b)), so its 30 days (Apr 3) are shown as the statutory date only; the AG
    // hears within 5 business days of the Secretary (§899-aa(9)): Sun May 3 → Fri May 8.
    expect(parsed.obligations.map((o: { id: string; dueAt: string }) => [o.id, o.dueAt])).toEqual([
      ['state-individual:CA', '2026-03-25T23:59:59-07:00'],
      ['state-regulator:CA:cdph', '2026-03-25T23:59:59-07:00'],
      ['individual', '2026-05-03T23:59:59-05:00'],
      ['media:NY', '2026-05-03T23:59:59-05:00'],
      ['secretary', '2026-05-03T23:59:59-05:00'],
      ['state-individual:NY', '2026-05-04T00:59:59-04:00'],
      ['state-regulator:NY', '2026-05-04T00:59:59-04:00'],
      ['state-regulator:NY:ag-after-hhs', '2026-05-08T23:59:59-04:00'],
    ]);
    const ny = parsed.obligations.find((o: { id: string }) => o.id === 'state-individual:NY');
    expect(ny.statutory).toEqual({ dueAt: '2026-04-03T23:59:59-04:00', basis: 'N.Y. Gen. Bus. Law §899-aa' });
  });

  it('applies the flags to the facts', async () => {
    const argv = [
      ...BASE,
      '--ba-discovered',
      '2026-02-20T09:00-06:00',
      '--law-enforcement',
      'oral:2026-03-10',
      '--contact-missing',
      '12',
      '--urgent',
      '--zone',
      'America/New_York',
      '--json',
    ];
    const parsed = JSON.parse((await run(argv)).stdout);
    expect(parsed.facts.lawEnforcementDelay).toEqual({ kind: 'oral', requestedAt: '2026-03-10T00:00-05:00' });
    const ids = parsed.obligations.map((o: { id: string }) => o.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'business-associate-to-covered-entity',
        'substitute-notice',
        'toll-free-number',
      ]),
    );
    expect(ids).toContain('telephone-urgent');
    // Zone New York, oral delay of 30 days: Mar 4 + 60 + 30 = Jun 2, on daylight time.
    const individual = parsed.obligations.find((o: { id: string }) => o.id === 'individual');
    expect(individual.dueAt).toBe('2026-06-02T23:59:59-04:00');
  });

  it('reads a written delay with and without a request date', async () => {
    const until = JSON.parse(
      (await run([...BASE, '--law-enforcement', 'written:2026-04-30', '--json'])).stdout,
    );
    expect(until.facts.lawEnforcementDelay).toEqual({
      kind: 'written',
      requestedAt: '2026-03-04T07:00-05:00',
      until: '2026-04-30T00:00-05:00',
    });
    const span = JSON.parse(
      (await run([...BASE, '--law-enforcement', 'written:2026-03-06/2026-04-30', '--json'])).stdout,
    );
    expect(span.facts.lawEnforcementDelay.requestedAt).toBe('2026-03-06T00:00-05:00');
  });

  it('prints nothing owed when the PHI was encrypted with a safe key', async () => {
    const plain = await run([...BASE, '--encrypted']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^assessment: secured-phi, no notification required/);
    expect(plain.stdout.trim().split('\n')).toHaveLength(1);
    const compromised = await run([...BASE, '--encrypted', '--key-compromised']);
    expect(compromised.stdout).toContain('\tindividual\t');
  });

  it('prints tab-separated lines when piped and an aligned table on a terminal', async () => {
    const plain = await run(BASE);
    const rows = plain.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(8);
    expect(rows[0]!.split('\t').slice(0, 3)).toEqual([
      '2026-03-25T23:59:59-07:00',
      'state-individual:CA',
      '320',
    ]);
    const table = await run(BASE, true);
    expect(table.stdout).toContain('due (end of day, local)    obligation');
    expect(table.stdout).toMatch(/\n {4}Cal\. Health & Safety Code §1280\.15 \[V\]: 15 business days/);
  });

  it.each([80, 120])('fits the table into a %i-column terminal without losing a word', async (columns) => {
    const wide = await run(BASE, true);
    const fitted = await run(BASE, true, columns);
    expect(fitted.stdout.split('\n').every((line) => line.length <= columns)).toBe(true);
    const words = (text: string) => new Set(text.split(/\s+/).filter((w) => !/^-+$/.test(w)));
    const headers = new Set(['due', '(end', 'of', 'day,', 'local)', 'obligation', 'people', 'to', 'basis']);
    for (const word of words(wide.stdout)) {
      if (!headers.has(word)) expect(fitted.stdout).toContain(word);
    }
  });

  it('writes an iCalendar file with one event per obligation', async () => {
    const file = join(dir, 'deadlines.ics');
    const result = await run([...BASE, '--ics', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`deadlines: wrote 8 events to ${file}\n`);
    const ics = await readFile(file, 'utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(8);
    expect(ics).toContain('DTSTAMP:20260304T120000Z\r\n');
  });

  it('exits 3 (operational, not "missed") when the iCalendar file cannot be written', async () => {
    const result = await run([...BASE, '--ics', join(dir, 'missing', 'x.ics')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^phi-drill deadlines: cannot write .*x\.ics \(ENOENT\); choose a writable path/,
    );
  });

  it.each([
    [[], '--discovered is required'],
    [['--discovered', '2026-03-04'], '--discovered 2026-03-04 has no time: give it with an offset'],
    [['--discovered', 'soon'], '--discovered must be an ISO date-time with offset'],
    [
      ['--discovered', '2026-02-30T07:00-05:00', '--state', 'CA=3'],
      '--discovered: 2026-02-30 is not a calendar date',
    ],
    [['--discovered', '2026-02-30', '--zone', 'America/New_York'], '2026-02-30 is not a calendar date'],
    [[...BASE, '--state', 'CX=3'], '--state "CX" is not a US state or territory code (known: AK AL'],
    [[...BASE, '--state', 'WA=0'], '--state WA=0: no resident of WA is affected'],
    [[...BASE, '--state', 'WA=-5'], '--state WA: the count must be a whole number of people, got "-5"'],
    [[...BASE, '--state', 'WA=many'], '--state WA: the count must be a whole number of people, got "many"'],
    [['--discovered', '2026-03-04T07:00-05:00'], '--state is required'],
    [[...BASE, '--state', 'California'], '--state must be CC=N'],
    [[...BASE, '--state', 'California=3'], '--state "California" is not a US state or territory code'],
    [[...BASE, '--state', 'ca=3'], '--state CA is given twice'],
    [[...BASE, '--ba-discovered', 'yesterday'], '--ba-discovered must be an ISO date-time'],
    [[...BASE, '--law-enforcement', 'phone:2026-03-10'], '--law-enforcement must be'],
    [
      [...BASE, '--law-enforcement', 'written:2026-02-30'],
      '--law-enforcement: 2026-02-30 is not a calendar date',
    ],
    [
      [...BASE, '--law-enforcement', 'written:2026-04-30/2026-04-01'],
      'ends (2026-04-01) before it was requested',
    ],
    [[...BASE, '--contact-missing', '900'], '--contact-missing must be an integer in 0..821'],
    [[...BASE, '--contact-missing=-1'], '--contact-missing must be an integer'],
    [[...BASE, '--phi', 'ssn,horoscope'], '--phi: unknown type horoscope'],
    [[...BASE, '--key-compromised'], '--key-compromised needs --encrypted'],
    [[...BASE, '--zone', 'Mars/Olympus'], '--zone must be an IANA time zone'],
    [[...BASE, '--ics', ''], '--ics needs a file name'],
    [[...BASE, '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('exits 2 naming the flag for %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage: phi-drill deadlines');
  });

  it('reads a bare discovery date as that civil day in the organisation’s zone', async () => {
    const result = await run([
      '--discovered',
      '2026-03-04',
      '--zone',
      'America/Chicago',
      '--state',
      'OR=3',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.facts.discoveredAt).toBe('2026-03-04T00:00-06:00');
    expect(parsed.obligations[0].dueAt).toBe('2026-05-03T23:59:59-05:00');
  });

  // RFC 5545 §3.6: a VCALENDAR holds at least one component, so an empty calendar is not valid.
  it('writes a valid calendar recording the assessment when nothing is due (safe harbor)', async () => {
    const file = join(dir, 'none.ics');
    const result = await run([...BASE, '--encrypted', '--ics', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('nothing to schedule (secured-phi)');
    const ics = await readFile(file, 'utf8');
    expect(ics).toMatch(
      /BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VJOURNAL\r\n[\s\S]*END:VJOURNAL\r\nEND:VCALENDAR\r\n$/,
    );
    expect(ics).not.toContain('VEVENT');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260304');
  });

  it('prints usage for --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: phi-drill deadlines/);
  });
});
