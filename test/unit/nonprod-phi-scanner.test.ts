import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { nonprodPhiScanner } from '../../src/controls/nonprod-phi-scanner.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const MINUTE = 60_000;
const ADMIN = { id: 'release.manager', type: 'admin' as const, name: 'Release manager' };
const CONSOLE = { sourceIp: '192.0.2.13', requestId: 'req-refresh' };
const OUTSIDE = { 'x-forwarded-for': '203.0.113.150', 'user-agent': 'Mozilla/5.0' };

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 30 });
  const signals: SignalInput[] = [];
  const scanner = nonprodPhiScanner.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => scanner.onEvent!(event));
  const refresh = (mask: boolean) => estate.sandboxes.refresh('uat', { by: ADMIN, caller: CONSOLE, mask });
  const contractor = estate.sandboxes.users.find((user) => user.type === 'engineer')!;
  const read = async (soql: string) => {
    const grant = await estate.fetch('/sandbox/uat/services/oauth2/token', {
      method: 'POST',
      headers: { ...OUTSIDE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: contractor.username,
        password: contractor.password,
      }),
    });
    if (!grant.ok) return grant.status;
    const { access_token: token } = (await grant.json()) as { access_token: string };
    const page = await estate.fetch(`/sandbox/uat/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, {
      headers: { ...OUTSIDE, authorization: `Bearer ${token}` },
    });
    return page.status;
  };
  const scanAt = async (minutes: number) => {
    await clock.sleepUntil(Date.parse('2026-03-03T15:00:00Z') + minutes * MINUTE);
    await scanner.onScan!();
  };
  return { estate, signals, refresh, read, scanAt };
}

describe('nonprod-phi-scanner', () => {
  it('finds production PHI in an unmasked copy, names who contractors read, and suspends the sandbox', async () => {
    const { estate, signals, refresh, read, scanAt } = rig();
    refresh(false);
    expect(
      await read('SELECT FirstName, LastName, MRN__c, SSN__c FROM Account ORDER BY MRN__c LIMIT 3'),
    ).toBe(200);
    await scanAt(15);
    expect(signals).toMatchObject([
      { rule: 'unmasked-phi-in-sandbox', severity: 'critical' },
      {
        rule: 'contractor-read-unmasked',
        severity: 'critical',
        patientIds: [0, 1, 2].map((n) => estate.population.patient(n).id),
      },
    ]);
    expect(estate.sandboxes.get('uat')!.accessSuspended).toBe(true);
    expect(await read('SELECT FirstName FROM Account LIMIT 1')).toBe(400);
  });

  it('stays silent on a masked refresh and on contractors reading the masked copy', async () => {
    const { estate, signals, refresh, read, scanAt } = rig();
    refresh(true);
    expect(await read('SELECT FirstName, LastName, PersonEmail, MRN__c FROM Account LIMIT 20')).toBe(200);
    await scanAt(15);
    await scanAt(75);
    expect(signals).toEqual([]);
    expect(estate.sandboxes.get('uat')!.accessSuspended).toBe(false);
  });

  it('reports a refresh that no masking job followed only once the grace hour has passed', async () => {
    const { signals, refresh, scanAt } = rig();
    refresh(false);
    await scanAt(45);
    expect(signals.map((signal) => signal.rule)).toEqual(['unmasked-phi-in-sandbox']);
    await scanAt(60);
    expect(signals.map((signal) => signal.rule)).toEqual([
      'unmasked-phi-in-sandbox',
      'refresh-without-masking',
    ]);
    expect(signals[1]).toMatchObject({ severity: 'high' });
  });

  it('does not count PHI-shaped values as production PHI: a masked copy is full of names and e-mails', async () => {
    const { estate, signals, refresh, scanAt } = rig();
    refresh(true);
    const copy = JSON.stringify(estate.sandboxes.get('uat')!.accounts);
    expect(copy).toMatch(/"FirstName":"\w+"/);
    await scanAt(15);
    expect(signals).toEqual([]);
  });
});
