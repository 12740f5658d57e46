import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/registry.ts';
import { planScenario } from '../../src/run/plan.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';

const registry = createRegistry();
const file = 'scenarios/oauth-overscope.yaml';
const loaded = loadScenarioText(readFileSync(file, 'utf8'), file, registry.refs);
if (!loaded.ok) throw new Error('catalog scenario is invalid');
const scenario = loaded.scenario;
const controlIds = [...registry.controls.keys()];
const iso = (ms: number) => new Date(ms).toISOString();

describe('planScenario', () => {
  it('lays out the timeline from the scenario alone', () => {
    const plan = planScenario(scenario, { controlIds });
    expect({
      start: iso(plan.start),
      t0: iso(plan.t0),
      activeUntil: iso(plan.activeUntil),
      end: iso(plan.end),
      injects: plan.injects.map((i) => ({ ...i, at: iso(i.at) })),
      windows: plan.expectations.map((e) => `${e.id} ${iso(e.opensAt)} → ${iso(e.closesAt)}`),
      controls: plan.controls,
    }).toMatchInlineSnapshot(`
      {
        "activeUntil": "2026-03-04T15:00:00.000Z",
        "controls": {
          "disabled": [],
          "enabled": [
            "fhir-audit",
            "crm-event-log",
            "portal-access-log",
            "log-search-audit",
            "storage-access-log",
            "staging-table-scanner",
            "dead-letter-inspector",
            "sync-residue-scanner",
            "oauth-scope-anomaly",
            "session-store-auditor",
            "portal-session-guard",
            "client-storage-monitor",
            "break-glass-monitor",
            "smart-scope-policy",
            "url-phi-scanner",
            "outbound-mail-dlp",
            "minimum-necessary-fields",
            "integration-login-baseline",
            "queue-retention-scanner",
            "api-rate-anomaly",
            "app-log-phi-scanner",
            "audit-gap-monitor",
            "open-storage-guard",
            "public-file-link-guard",
            "web-to-lead-phi-guard",
            "encryption-status-monitor",
            "nonprod-phi-scanner",
            "deidentification-checker",
            "transport-policy-monitor",
            "baa-egress-guard",
            "device-wipe-monitor",
            "breach-notification-workflow",
          ],
        },
        "end": "2026-07-02T07:00:00.000Z",
        "injects": [
          {
            "at": "2026-03-04T07:00:00.000Z",
            "correlationId": "drill-oauth-overscope-overscoped-pull-s7",
            "id": "overscoped-pull",
            "injector": "oauth-overscope",
            "params": {
              "pageIntervalSeconds": 30,
              "pageSize": 200,
              "rows": 500,
            },
          },
        ],
        "start": "2026-03-02T13:00:00.000Z",
        "t0": "2026-03-03T13:00:00.000Z",
        "windows": [
          "detect-broad-grant 2026-03-04T07:00:00.000Z → 2026-03-04T07:15:00.000Z",
          "audit-api-pull 2026-03-04T07:00:00.000Z → 2026-03-04T07:05:00.000Z",
          "revoke-app-tokens 2026-03-04T07:00:00.000Z → 2026-03-04T08:00:00.000Z",
          "open-notification-task 2026-03-04T07:00:00.000Z → 2026-03-05T07:00:00.000Z",
          "notices 2026-03-04T07:00:00.000Z → 2026-05-03T07:00:00.000Z",
          "privacy-officer-briefed 2026-03-04T07:00:00.000Z → 2026-03-04T11:00:00.000Z",
        ],
      }
    `);
  });

  it('is pure: the same inputs give the same plan', () => {
    expect(planScenario(scenario, { controlIds })).toEqual(planScenario(scenario, { controlIds }));
  });

  it('applies overrides and disabled controls', () => {
    const plan = planScenario(scenario, {
      controlIds,
      seed: 99,
      patients: 50,
      disabledControls: ['crm-event-log'],
    });
    expect(plan.seed).toBe(99);
    expect(plan.patients).toBe(50);
    expect(plan.controls.disabled).toEqual(['crm-event-log']);
    expect(plan.controls.enabled).not.toContain('crm-event-log');
    expect(plan.injects[0]!.correlationId).toBe('drill-oauth-overscope-overscoped-pull-s99');
  });

  it('waits out the slowest source on a virtual clock, and only the windows and their grace on the real one', () => {
    const shortWindows = {
      ...scenario,
      expectations: scenario.expectations
        .filter((expectation) => expectation.type !== 'notify')
        .map((expectation) => ({ ...expectation, withinMs: 2000 })),
    };
    const virtual = planScenario(shortWindows, { controlIds });
    const real = planScenario(shortWindows, { controlIds, realClock: true });
    // The reference organisation polls the CRM's audit objects every 15 minutes.
    expect(virtual.end - virtual.activeUntil).toBe(15 * 60_000);
    expect(real.end).toBe(real.activeUntil);
    expect(real.activeUntil - real.t0).toBe(scenario.injects[0]!.atMs + 4000);
  });
});
