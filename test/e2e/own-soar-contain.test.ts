import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario.ts';
import type { ContainExpectation } from '../../src/scenario/types.ts';
import { loadTargetText } from '../../src/target/loader.ts';
import { catalogScenario, registry } from '../integration/drill-harness.ts';
import { type ContainmentSoar, startContainmentSoar } from './own-stack/containment-soar.ts';

/**
 * The reference controls that would otherwise contain these leaks themselves (the scope-anomaly
 * control also revokes an integration's bulk pull, so it is off for the leaked-secret drill too).
 */
const BUILT_IN = [
  'open-storage-guard',
  'minimum-necessary-fields',
  'integration-login-baseline',
  'oauth-scope-anomaly',
];

interface Case {
  /** The SOAR rule that detects the leak. */
  rule: string;
  scenario: string;
  inject: string;
  params: Record<string, unknown>;
  /** The catalog's contain expectations plus any the drill adds, by id and condition. */
  contains: Record<string, string>;
}

const CASES: Case[] = [
  {
    rule: 'public-object',
    scenario: 'report-export-open-storage',
    inject: 'csv-in-public-bucket',
    params: { rows: 50, downloads: 1, firstDownloadAfter: '1h' },
    contains: { 'make-object-private': 'object-private', 'close-bucket-policy': 'bucket-private' },
  },
  {
    rule: 'front-desk-sensitive-read',
    scenario: 'fls-overexposure',
    inject: 'desk-reads-diagnoses',
    params: { patients: 10, opens: 0 },
    contains: { 'restore-field-security': 'fls-restored' },
  },
  {
    rule: 'integration-login-from-outside',
    scenario: 'hardcoded-credentials',
    inject: 'leaked-secret-login',
    params: { rows: 400, pageSize: 200, pageIntervalSeconds: 1 },
    contains: { 'rotate-secret': 'credentials-rotated', 'end-sessions': 'sessions-revoked' },
  },
];

const folders: string[] = [];
const soars: ContainmentSoar[] = [];
afterEach(async () => {
  await Promise.all(soars.splice(0).map((soar) => soar.close()));
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

function target(one: Case, port: number, within: string) {
  const windows = Object.keys(one.contains)
    .map((id) => `  ${id}: { within: ${within} }`)
    .join('\n');
  const text = `id: own-soar-containment
disableControls: [${BUILT_IN.join(', ')}]
schedule: { steadyState: 1s, injects: { ${one.inject}: 0s } }
expectations:
${windows}
telemetry:
  - { id: siem, encoder: jsonl, systems: [crm, storage], type: http, format: generic, url: "http://127.0.0.1:${port}/events", flushIntervalMs: 50 }
`;
  const loaded = loadTargetText(text, 'target.yaml', new Set(registry.controls.keys()));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.target;
}

/** One drill of a catalog scenario with only its containment judged, against the SOAR double. */
async function drill(one: Case, act: boolean) {
  const folder = await mkdtemp(join(tmpdir(), 'phi-drill-own-soar-'));
  folders.push(folder);
  const soar = await startContainmentSoar({ act });
  soars.push(soar);
  const loaded = await catalogScenario(one.scenario);
  const scenario = structuredClone(loaded.scenario);
  scenario.injects[0]!.params = { ...scenario.injects[0]!.params, ...one.params };
  const template = scenario.expectations.find((e): e is ContainExpectation => e.type === 'contain')!;
  scenario.expectations = Object.entries(one.contains).map(([id, condition]) => ({
    ...template,
    id,
    condition,
  }));
  const { report } = await runScenario({
    scenario,
    scenarioFile: loaded.file,
    scenarioText: loaded.text,
    registry,
    folder: join(folder, 'run'),
    // Room for a SOAR on a busy machine; one that never acts misses any window, so its drills are short.
    target: target(one, soar.port, act ? '6s' : '1s'),
    onIntakeReady: (id, where) => {
      if (id === 'estate') soar.learnEstate(where);
    },
  });
  await soar.settled();
  const verdicts = Object.fromEntries(
    report.verdicts.map((v) => [v.expectationId, `${v.status}: ${v.reason}`]),
  );
  return { verdicts, soar };
}

describe('containment by the user’s own SOAR through the documented estate interfaces', () => {
  for (const one of CASES) {
    it(`${one.scenario}: the SOAR contains it and every contain verdict is met`, async () => {
      const { verdicts, soar } = await drill(one, true);
      expect([...soar.detected]).toEqual([one.rule]);
      expect(soar.errors).toEqual([]);
      expect(soar.calls.length).toBeGreaterThan(0);
      expect(
        soar.calls.filter((call) => call.status >= 400),
        JSON.stringify(soar.calls),
      ).toEqual([]);
      for (const id of Object.keys(one.contains)) expect(verdicts[id], id).toMatch(/^met: /);
    });

    it(`${one.scenario}: the SOAR detects but does not act, and every contain verdict is missed`, async () => {
      const { verdicts, soar } = await drill(one, false);
      expect([...soar.detected]).toEqual([one.rule]);
      expect(soar.calls).toEqual([]);
      for (const id of Object.keys(one.contains)) expect(verdicts[id], id).toMatch(/^missed: /);
    });
  }
});
