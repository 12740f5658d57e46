import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-02T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 4, patients: 5 });
  const post = (fields: Record<string, string>) =>
    estate.fetch('/servlet/servlet.WebToLead?encoding=UTF-8', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.9' },
      body: new URLSearchParams(fields),
    });
  return { estate, events, post, oid: estate.appointmentRequest.oid };
}

describe('Web-to-Lead servlet', () => {
  it('files a Lead owned by the Default Lead Creator, custom fields by their 00N ids, dates in the visitor’s locale', async () => {
    const { estate, events, post, oid } = rig();
    const response = await post({
      oid,
      retURL: '/portal/help',
      first_name: 'Ada',
      last_name: 'Example',
      email: 'ada@example.org',
      '00N5e00000Hq1BdEAJ': '04/07/1961',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('URL=/portal/help');
    const [lead] = estate.crm.state.records.list('Lead');
    const marketing = estate.crm.state.auth.userByName(estate.credentials.crm.marketing.username)!;
    expect(lead).toMatchObject({ LastName: 'Example', Birthdate__c: '1961-04-07', OwnerId: marketing.id });
    expect(events.find((e) => e.action === 'sf.lead.web-to-lead')).toMatchObject({
      outcome: 'success',
      sourceIp: '203.0.113.9',
      resource: { type: 'Lead', id: lead!.Id },
      fields: ['FirstName', 'LastName', 'Email', 'Birthdate__c'],
    });
  });

  it('answers the visitor the same way but files nothing for a wrong org id, a missing last name, or when switched off', async () => {
    const { estate, events, post, oid } = rig();
    expect((await post({ oid: '00D000000000001', last_name: 'Example' })).status).toBe(200);
    expect((await post({ oid, first_name: 'Ada' })).status).toBe(200);
    estate.crm.webToLead.enabled = false;
    expect((await post({ oid, last_name: 'Example' })).status).toBe(200);
    expect(estate.crm.state.records.list('Lead')).toEqual([]);
    expect(events.filter((e) => e.action === 'sf.lead.web-to-lead').map((e) => e.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
    ]);
  });

  it('serves the portal form asking only for contact details unless extras are configured', async () => {
    const { estate } = rig();
    const plain = await (await estate.fetch('/portal/appointments/request')).text();
    expect(plain).toContain('name="last_name"');
    expect(plain).not.toContain('00N');
    estate.appointmentRequest.extras = ['Birthdate__c'];
    expect(await (await estate.fetch('/portal/appointments/request')).text()).toContain(
      'name="00N5e00000Hq1BdEAJ"',
    );
  });
});
