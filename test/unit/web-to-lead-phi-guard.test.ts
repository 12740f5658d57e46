import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { webToLeadPhiGuard } from '../../src/controls/web-to-lead-phi-guard.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { submitAppointmentRequest } from '../../src/estate/portal/appointment-request.ts';
import { webToLeadPhi } from '../../src/inject/web-to-lead-phi.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { bearer, crmToken } from '../support/crm-console.ts';
import { injectContext } from '../support/observed-estate.ts';

const VISITOR = { 'x-forwarded-for': '203.0.113.40', 'user-agent': 'Mozilla/5.0' };

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 20 });
  const signals: SignalInput[] = [];
  const guard = webToLeadPhiGuard.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => guard.onEvent!(event));
  const patient = estate.population.patient(7);
  const request = () =>
    submitAppointmentRequest(
      estate.fetch,
      estate.appointmentRequest,
      {
        given: patient.given,
        family: patient.family,
        email: patient.email,
        phone: patient.phone,
        birthDate: patient.birthDate,
        reason: 'Type 2 diabetes follow-up',
        preferredDate: '2026-03-10',
      },
      VISITOR,
    );
  const marketingQuery = async (columns: string) =>
    estate.fetch(
      `/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(`SELECT ${columns} FROM Lead`)}`,
      { headers: bearer(await crmToken(estate, estate.credentials.crm.marketing)) },
    );
  const canMarketingRead = (field: string) =>
    estate.crm.state.fieldSecurity.canRead('Marketing', 'Lead', field);
  return { estate, guard, signals, patient, request, marketingQuery, canMarketingRead };
}

describe('web-to-lead-phi-guard', () => {
  it('stays silent on contact-only appointment requests and marketing reading their contact fields', async () => {
    const { estate, guard, signals, request, marketingQuery } = rig();
    expect(await request()).toBe(200);
    expect(estate.crm.state.records.list('Lead')).toHaveLength(1);
    expect((await marketingQuery('Id, FirstName, LastName, Email, Birthdate__c')).status).toBe(200);
    guard.onScan!();
    expect(signals).toEqual([]);
  });

  it('flags a lead Web-to-Lead files with a birth date and a reason for visit', async () => {
    const { estate, signals, patient, request } = rig();
    estate.appointmentRequest.extras = ['Birthdate__c', 'Reason_For_Visit__c'];
    await request();
    const [lead] = estate.crm.state.records.list('Lead');
    expect(lead).toMatchObject({
      Birthdate__c: patient.birthDate,
      Reason_For_Visit__c: 'Type 2 diabetes follow-up',
    });
    expect(signals).toMatchObject([{ rule: 'phi-in-lead', severity: 'high' }]);
  });

  it('raises critical when marketing reads the PHI columns, naming the patients behind the leads', async () => {
    const { estate, signals, patient, request, marketingQuery } = rig();
    estate.appointmentRequest.extras = ['Reason_For_Visit__c'];
    await request();
    expect((await marketingQuery('Id, Email, Reason_For_Visit__c')).status).toBe(200);
    expect(signals.map((s) => s.rule)).toEqual(['phi-in-lead', 'unentitled-lead-phi-read']);
    expect(signals[1]).toMatchObject({ severity: 'critical', patientIds: [patient.id] });
  });

  it('does not count an administrator reading the same columns', async () => {
    const { estate, signals, request } = rig();
    estate.appointmentRequest.extras = ['Birthdate__c'];
    await request();
    const admin = estate.crm.state.auth.userByName(estate.credentials.crm.admin.username)!;
    const token = estate.crmIssueToken(estate.credentials.crm.consoleApp.clientId, admin.username, ['api']);
    await estate.fetch(`/services/data/v${estate.crmApiVersion}/query?q=SELECT+Id,+Birthdate__c+FROM+Lead`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(signals.map((s) => s.rule)).toEqual(['phi-in-lead']);
  });

  it('removes unentitled profiles’ read access to Lead fields that hold PHI on its scan, and records the change', async () => {
    const { estate, guard, signals, request, marketingQuery, canMarketingRead } = rig();
    const changes: string[] = [];
    estate.bus.subscribe((event) => {
      if (event.action === 'sf.setup.change') changes.push(String(event.detail?.Display));
    });
    estate.appointmentRequest.extras = ['Birthdate__c'];
    await request();
    guard.onScan!();
    expect(signals.at(-1)).toMatchObject({ rule: 'lead-phi-readable', severity: 'medium' });
    expect(canMarketingRead('Birthdate__c')).toBe(false);
    // Only the field holding PHI is restricted; the empty one stays as it was.
    expect(canMarketingRead('Reason_For_Visit__c')).toBe(true);
    expect(changes).toContain('Removed read access to Lead.Birthdate__c for profile Marketing');
    expect((await marketingQuery('Id, Birthdate__c')).status).toBe(400);
  });
});

describe('web-to-lead-phi injector', () => {
  it('changes the form, offers lead-phi-restricted, and its revert puts the contact-only form back', async () => {
    const { estate, canMarketingRead } = rig();
    const applied = await webToLeadPhi.apply(
      injectContext(estate, estate.clock, { injectId: 'form-change', correlationId: 'drill-1' }),
      webToLeadPhi.params.parse({}),
    );
    expect(estate.appointmentRequest.extras).toEqual(['Birthdate__c', 'Reason_For_Visit__c']);
    expect(applied.probes['lead-phi-restricted']!()).toBe(false);
    estate.crm.state.fieldSecurity.revokeRead('Marketing', 'Lead', 'Birthdate__c');
    expect(applied.probes['lead-phi-restricted']!()).toBe(false);
    estate.crm.state.fieldSecurity.revokeRead('Marketing', 'Lead', 'Reason_For_Visit__c');
    expect(applied.probes['lead-phi-restricted']!()).toBe(true);
    expect(canMarketingRead('Birthdate__c')).toBe(false);
    await applied.revert();
    expect(estate.appointmentRequest.extras).toEqual([]);
  });

  it('rejects unknown params', () => {
    expect(webToLeadPhi.params.safeParse({ extras: ['SSN__c'] }).success).toBe(false);
    expect(webToLeadPhi.params.safeParse({ requestEvery: 'soon' }).success).toBe(false);
    expect(webToLeadPhi.params.safeParse({ leads: 3 }).success).toBe(false);
  });
});
