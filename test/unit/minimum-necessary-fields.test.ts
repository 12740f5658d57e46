import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { minimumNecessaryFields } from '../../src/controls/minimum-necessary-fields.ts';
import { MINIMUM_NECESSARY_POLICY } from '../../src/controls/minimum-necessary-policy.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const START = Date.parse('2026-03-03T15:00:00Z');

function setUp() {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 5, patients: 12 });
  const signals: SignalInput[] = [];
  const control = minimumNecessaryFields.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => control.onEvent!(event));
  const { consoleApp, frontDesk, admin } = estate.credentials.crm;
  const tokenOf = (username: string) => estate.crmIssueToken(consoleApp.clientId, username, ['api']);
  const query = (token: string, soql: string) =>
    estate.fetch(`/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const security = estate.crm.state.fieldSecurity;
  return {
    estate,
    signals,
    query,
    security,
    desk: tokenOf(frontDesk[0]!.username),
    admin: tokenOf(admin.username),
  };
}

const DIAGNOSES = 'SELECT Id, LastName, Primary_Diagnosis__c FROM Account';

describe('minimum-necessary-fields', () => {
  it('flags a front-desk read of diagnoses that field-level security wrongly allows, and hides the field again', async () => {
    const { signals, query, security, desk } = setUp();
    security.grantRead('Front Desk', 'Account', 'Primary_Diagnosis__c');
    expect((await query(desk, DIAGNOSES)).status).toBe(200);
    expect(signals.map((s) => [s.rule, s.severity])).toEqual([['unentitled-field-read', 'high']]);
    expect(signals[0]!.summary).toContain(
      'Amy Front Desk (Front Desk) read diagnosis (Account.Primary_Diagnosis__c) of 12 patient(s)',
    );
    expect(signals[0]!.patientIds).toHaveLength(12);
    expect(security.canRead('Front Desk', 'Account', 'Primary_Diagnosis__c')).toBe(false);
    expect((await query(desk, DIAGNOSES)).status).toBe(400);
  });

  it('raises once per user and field, however many reads follow', async () => {
    const { signals, query, security, desk } = setUp();
    for (let n = 0; n < 3; n++) {
      security.grantRead('Front Desk', 'Account', 'Primary_Diagnosis__c');
      await query(desk, DIAGNOSES);
    }
    expect(signals).toHaveLength(1);
  });

  it('stays quiet for the front desk’s everyday lookup and for profiles the policy entitles', async () => {
    const { signals, query, desk, admin } = setUp();
    expect((await query(desk, 'SELECT Id, FirstName, LastName, PersonMobilePhone FROM Account')).status).toBe(
      200,
    );
    expect((await query(admin, 'SELECT Id, SSN__c, Primary_Diagnosis__c FROM Account')).status).toBe(200);
    expect(signals).toEqual([]);
  });

  it('ignores a refused query: field-level security already held', async () => {
    const { signals, query, desk } = setUp();
    expect((await query(desk, DIAGNOSES)).status).toBe(400);
    expect(signals).toEqual([]);
  });

  it('reads its policy as data: every sensitive field names the profiles entitled to it', () => {
    for (const entry of MINIMUM_NECESSARY_POLICY.fields) {
      expect(entry.entitledProfiles).not.toContain('Front Desk');
      expect(entry.entitledProfiles.length).toBeGreaterThan(0);
    }
  });
});
