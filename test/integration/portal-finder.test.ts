import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { ANALYTICS_HOST } from '../../src/estate/portal/analytics-egress.ts';
import { findAppointment } from '../../src/estate/portal/browser.ts';
import { FINDER_PATH } from '../../src/estate/portal/finder-pages.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const DEVICE = { 'x-forwarded-for': '203.0.113.40', 'user-agent': 'FinderTest/1.0' };

function setUp() {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 6, patients: 30 });
  const patient = estate.population.patient(4);
  const identity = { name: `${patient.given} ${patient.family}`, dob: patient.birthDate, mrn: patient.mrn };
  const { portal } = estate;
  return {
    estate,
    events,
    patient,
    identity,
    portal,
    find: () => findAppointment(estate.fetch, DEVICE, identity),
  };
}

describe('portal appointment finder', () => {
  it('posts the identifiers by default, so neither the access log nor the analytics hits carry them', async () => {
    const { portal, patient, find, events } = setUp();
    expect(await find()).toEqual({ method: 'post', status: 200 });
    const submitted = portal.state.accessLog.find((line) => line.method === 'POST');
    expect(submitted).toMatchObject({ path: FINDER_PATH, status: 200, patientId: patient.id });
    expect(submitted).not.toHaveProperty('query');
    expect(portal.state.egressLog).toHaveLength(2);
    const sent = JSON.stringify(portal.state.egressLog);
    expect(sent).not.toContain(patient.mrn);
    expect(sent).not.toContain(patient.birthDate);
    expect(events.find((event) => event.action === 'portal.find')).toMatchObject({
      uri: FINDER_PATH,
      patientIds: [patient.id],
      outcome: 'success',
    });
  });

  it('with the flow switched to GET, puts name, DOB and MRN in the access log, the Referer and the hit', async () => {
    const { portal, patient, find, events } = setUp();
    portal.state.config.finder.method = 'get';
    expect(await find()).toEqual({ method: 'get', status: 200 });
    const line = portal.state.accessLog.find((entry) => entry.query !== undefined);
    expect(line?.query).toContain(encodeURIComponent(patient.mrn));
    expect(line?.query).toContain(`dob=${patient.birthDate}`);
    const hit = portal.state.egressLog.at(-1)!;
    expect(hit).toMatchObject({ host: ANALYTICS_HOST, sourceIp: DEVICE['x-forwarded-for'] });
    expect(hit.referer).toContain(`mrn=${patient.mrn}`);
    expect(decodeURIComponent(hit.uri)).toContain(`mrn=${patient.mrn}`);
    const egress = events.filter((event) => event.action === 'portal.egress').at(-1);
    expect(egress?.detail).toMatchObject({ destinationHost: ANALYTICS_HOST, referer: hit.referer });
  });

  it('refuses identifiers in the URL while the flow is POST, though the request line is already logged', async () => {
    const { estate, portal, identity } = setUp();
    const response = await estate.fetch(`${FINDER_PATH}?${new URLSearchParams(identity)}`, {
      headers: DEVICE,
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.text()).not.toContain('<li>');
    expect(portal.state.accessLog.at(-1)).toMatchObject({
      status: 405,
      query: expect.stringContaining('mrn='),
    });
  });

  it('sends no hits once the analytics tag is stripped', async () => {
    const { portal, find } = setUp();
    portal.state.config.finder.analyticsTag = false;
    await find();
    expect(portal.state.egressLog).toEqual([]);
  });

  it('answers 404 when name, date of birth and MRN do not name one patient', async () => {
    const { estate, identity, events } = setUp();
    const visit = await findAppointment(estate.fetch, DEVICE, { ...identity, dob: '1900-01-01' });
    expect(visit.status).toBe(404);
    expect(events.find((event) => event.action === 'portal.find')).toMatchObject({
      outcome: 'failure',
      patientIds: [],
    });
  });
});
