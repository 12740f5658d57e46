import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { loadScenarios } from '../../src/cli/load-scenarios.ts';
import { mselCommand } from '../../src/cli/msel-command.ts';
import { createRegistry } from '../../src/registry.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import {
  injectsWithoutMsel,
  MSEL_CSV_HEADER,
  mselCsv,
  mselMarkdown,
  mselRows,
} from '../../src/tabletop/msel.ts';
import { cli } from '../cli/cli-harness.ts';

const registry = createRegistry();

/** Two injects out of file order, one with an MSEL entry holding a pipe, a comma and a quote. */
function twoInjects(): Record<string, unknown> {
  return {
    id: 'kiosk',
    title: 'Kiosk',
    summary: 'A shared kiosk.',
    severity: 'medium',
    hipaa: ['164.312(b)'],
    estate: { start: '2026-03-02T08:00:00-05:00', steadyState: '24h', timezone: 'America/Chicago' },
    injects: [
      {
        id: 'late-pull',
        at: '1d2h',
        injector: 'oauth-overscope',
      },
      {
        id: 'reuse',
        at: '6h',
        injector: 'portal-session-reuse',
        msel: {
          from: 'Front desk',
          to: 'Privacy officer',
          message: 'A visitor says "it was already open" | on the kiosk, again',
          expectedAction: 'Kill the session.',
        },
      },
    ],
    expectations: [
      {
        id: 'seen',
        type: 'detect',
        inject: 'reuse',
        within: '30m',
        match: { control: 'portal-session-guard' },
      },
      { id: 'asked', type: 'manual', inject: 'reuse', within: '2h', prompt: 'Front desk asked' },
      {
        id: 'pulled',
        type: 'detect',
        inject: 'late-pull',
        within: '1h',
        match: { control: 'oauth-scope-anomaly' },
      },
    ],
  };
}

function scenario(doc = twoInjects()): Scenario {
  const loaded = loadScenarioText(stringify(doc), 'scenarios/kiosk.yaml', registry.refs);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return loaded.scenario;
}

describe('master scenario events list', () => {
  test('rows come in drill-time order, timed from the end of the steady state in the organisation zone', () => {
    const rows = mselRows(scenario());
    expect(rows.map((row) => [row.number, row.id, row.offset, row.localTime, row.expectations])).toEqual([
      [1, 'reuse', 'T+6h', '2026-03-03 13:00 CST', ['seen', 'asked']],
      [2, 'late-pull', 'T+1d2h', '2026-03-04 09:00 CST', ['pulled']],
    ]);
    expect(rows[0]!.at).toBe(Date.parse('2026-03-03T19:00:00Z'));
    expect(injectsWithoutMsel(rows)).toEqual(['late-pull']);
  });

  test('Markdown keeps each inject on one table row and says which inject has nothing to read out', () => {
    const text = mselMarkdown(scenario(), mselRows(scenario()));
    expect(text).toContain('T+0 is 2026-03-03 07:00 CST, the end of the 24h steady state.');
    const rows = text.split('\n').filter((line) => line.startsWith('| 1 ') || line.startsWith('| 2 '));
    expect(rows).toEqual([
      '| 1 | T+6h | 2026-03-03 13:00 CST | `reuse` (portal-session-reuse) | Front desk | Privacy officer | A visitor says "it was already open" \\| on the kiosk, again | Kill the session. | seen, asked | — |',
      '| 2 | T+1d2h | 2026-03-04 09:00 CST | `late-pull` (oauth-overscope) | — | — | no MSEL entry in the scenario | — | pulled | — |',
    ]);
  });

  test('CSV quotes what needs quoting, one CRLF record per inject', () => {
    const csv = mselCsv(mselRows(scenario()));
    const records = csv.split('\r\n');
    expect(records[0]).toBe(MSEL_CSV_HEADER.join(','));
    expect(records[1]).toBe(
      '1,T+6h,2026-03-03 13:00 CST,reuse,portal-session-reuse,Front desk,Privacy officer,"A visitor says ""it was already open"" | on the kiosk, again",Kill the session.,seen;asked,',
    );
    expect(records[2]).toBe('2,T+1d2h,2026-03-04 09:00 CST,late-pull,oauth-overscope,,,,,pulled,');
    expect(records).toHaveLength(4);
    expect(records[3]).toBe('');
  });

  test('each contain expectation names the estate interface a responder calls', () => {
    const doc = twoInjects();
    (doc.expectations as unknown[]).push(
      { id: 'cut-off', type: 'contain', inject: 'late-pull', within: '1h', condition: 'token-revoked' },
      { id: 'killed', type: 'contain', inject: 'reuse', within: '30m', condition: 'session-terminated' },
    );
    const rows = mselRows(scenario(doc));
    expect(rows[1]!.containment).toEqual([
      expect.stringMatching(
        /^cut-off: revoke the over-scoped app’s CRM token — via DELETE \/services\/data\/vXX\.X\/sobjects\/OauthToken\/\{Id\}/,
      ),
    ]);
    expect(rows[0]!.containment).toEqual([
      'killed: terminate the reused portal session — via DELETE /portal/admin/sessions/{key} (Bearer: the responder administrator’s CRM token)',
    ]);
    expect(mselCsv(rows).split('\r\n')[2]).toMatch(
      /,cut-off: revoke the over-scoped app’s CRM token — via DELETE /,
    );
  });

  test('every catalog inject tells the table something and expects an action', async () => {
    const catalog = await loadScenarios(['scenarios'], process.cwd(), registry);
    expect(catalog.problems).toEqual([]);
    const silent = catalog.scenarios.flatMap(({ scenario }) =>
      injectsWithoutMsel(mselRows(scenario)).map((id) => `${scenario.id}/${id}`),
    );
    expect(silent).toEqual([]);
    expect(catalog.scenarios.length).toBeGreaterThanOrEqual(18);
  });
});

describe('phi-drill msel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phi-drill-msel-'));
    await writeFile(join(dir, 'kiosk.yaml'), stringify(twoInjects()));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function run(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      cwd: process.cwd(),
    };
    const code = await mselCommand(argv, io, registry);
    return { code, stdout, stderr };
  }

  test('prints a catalog scenario by id as Markdown', async () => {
    const result = await run(['portal-session-reuse']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      '# Master scenario events list — Patient-portal session reused on a shared kiosk',
    );
    expect(result.stdout).toMatch(
      /^\| 1 \| T\+6h \| 2026-03-03 14:00 EST \| `kiosk-reuse` .*\| Privacy officer \|/m,
    );
  });

  test('a file of its own, as CSV to a file, with a note naming the inject that has no entry', async () => {
    const out = join(dir, 'msel.csv');
    const result = await run([join(dir, 'kiosk.yaml'), '--csv', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `note: 1 of 2 inject(s) have no msel entry in the scenario: late-pull\nwrote ${out} (2 inject(s))\n`,
    );
    expect(await readFile(out, 'utf8')).toBe(mselCsv(mselRows(scenario())));
  });

  test('an unknown scenario, a missing one and an unknown option are usage errors (exit 2)', async () => {
    const unknown = await run(['no-such-scenario']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('phi-drill msel: no valid scenario "no-such-scenario" in scenarios');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('phi-drill msel: name a scenario (catalog id or file)');
    const flag = await run(['portal-session-reuse', '--pdf']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^phi-drill msel: Unknown option '--pdf'\nusage: phi-drill msel/);
  });

  test('an invalid scenario file is reported with its located problems', async () => {
    const doc = twoInjects();
    (doc.injects as Array<Record<string, unknown>>)[1]!.msel = {
      from: 'Front desk',
      to: 'IR lead',
      message: 'x',
    };
    const file = join(dir, 'broken.yaml');
    await writeFile(file, stringify({ ...doc, id: 'broken' }));
    const result = await run([file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+ +missing-field +injects\[1\]\.msel\.expectedAction/);
  });

  test('the top-level help lists the command, and the real bin routes to it', async () => {
    const help = await cli(['help']);
    expect(help.stdout).toContain('msel <scenario>');
    const csv = await cli(['msel', 'portal-session-reuse', '--csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe(MSEL_CSV_HEADER.join(','));
  });

  test('an --out it cannot write is a clear error (exit 2), not a crash', async () => {
    const out = join(dir, 'no-such-folder', 'msel.md');
    const result = await run(['portal-session-reuse', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^phi-drill msel: cannot write ${out}: ENOENT`));
  });
});
