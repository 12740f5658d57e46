import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { loadTargetText } from '../../src/target/loader.ts';
import { catalogScenario, registry } from '../integration/drill-harness.ts';

/** The waiting-room kiosk's address, as the organisation's asset inventory lists it. */
const KIOSK_IP = '10.99.0.251';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

function target(folder: string) {
  const text = `id: own-soar
disableControls: [portal-session-guard]
schedule: { steadyState: 1s, injects: { kiosk-reuse: 0s } }
expectations:
  kill-session: { within: 4s }
telemetry:
  - { id: siem, encoder: jsonl, type: file, path: ${join(folder, 'siem.jsonl')}, flushIntervalMs: 50 }
`;
  const loaded = loadTargetText(text, 'target.yaml', new Set(registry.controls.keys()));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.target;
}

/** The kiosk scenario with only its containment judged, and the reuse soon after sign-out. */
async function kioskScenario(): Promise<{ scenario: Scenario; file: string; text: string }> {
  const loaded = await catalogScenario('portal-session-reuse');
  const scenario = structuredClone(loaded.scenario);
  scenario.injects[0]!.params = { ...scenario.injects[0]!.params, reuseAfter: '1s' };
  scenario.expectations = scenario.expectations.filter((e) => e.id === 'kill-session');
  return { ...loaded, scenario };
}

/** A SOAR of the user's own: reads the kiosk's session key from its SIEM copy and calls the portal console. */
async function soar(folder: string, estate: Record<string, string | number>, password: string) {
  const events = async () =>
    (await readFile(join(folder, 'siem.jsonl'), 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { action?: string; session?: string; sourceIp?: string });
  let login: { session?: string } | undefined;
  for (let tries = 0; tries < 60 && !login; tries++) {
    login = (await events()).find((e) => e.action === 'portal.login' && e.sourceIp === KIOSK_IP);
    if (!login) await sleep(50);
  }
  const token = await fetch(`${estate.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: String(estate.responderClientId),
      client_secret: String(estate.responderClientSecret),
      username: String(estate.responderUsername),
      password,
    }),
  });
  const { access_token } = (await token.json()) as { access_token?: string };
  const response = await fetch(`${estate.portalAdmin}/${login?.session}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${access_token ?? 'none'}` },
  });
  return response.status;
}

async function drillWith(passwordOf: (estate: Record<string, string | number>) => string) {
  const folder = await mkdtemp(join(tmpdir(), 'phi-drill-portal-admin-'));
  folders.push(folder);
  const { scenario, file, text } = await kioskScenario();
  let estate: Record<string, string | number> = {};
  let acted: Promise<number> | undefined;
  const { report } = await runScenario({
    scenario,
    scenarioFile: file,
    scenarioText: text,
    registry,
    folder: join(folder, 'run'),
    target: target(folder),
    onIntakeReady: (id, where) => {
      if (id === 'estate') estate = where;
    },
    onEntry: (entry) => {
      if (entry.kind === 'inject.applied') acted = soar(folder, estate, passwordOf(estate));
    },
  });
  const verdict = report.verdicts.find((v) => v.expectationId === 'kill-session');
  return { verdict, status: await acted };
}

describe('containment by the user’s own SOAR through the portal administrator console', () => {
  it('a SOAR that terminates the kiosk session by its telemetry key meets kill-session', async () => {
    const { verdict, status } = await drillWith((estate) => String(estate.responderPassword));
    expect(status).toBe(204);
    expect(verdict?.status, verdict?.reason).toBe('met');
  });

  it('with the wrong administrator password the console answers 401 and kill-session is missed', async () => {
    const { verdict, status } = await drillWith(() => 'wrong-password');
    expect(status).toBe(401);
    expect(verdict?.status).toBe('missed');
  });
});
