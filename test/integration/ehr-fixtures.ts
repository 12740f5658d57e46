import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstateContext } from '../../src/estate/context.ts';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { createEhr, type FhirResource } from '../../src/estate/ehr/index.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

export const MRN_SYSTEM = 'https://ehr.phi-drill.test/mrn';
export const START = Date.parse('2026-03-02T14:00:00Z');
const HTEST = [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' }];
const FAMILIES = ['Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Haddad'];
const GIVENS = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Esi', 'Farah', 'Goran'];

export const PATIENT_COUNT = 45;

/** Hand-built FHIR JSON: 45 patients, a practitioner, and clinical resources for the first two patients. */
export function fixtureResources(): FhirResource[] {
  const patients = Array.from({ length: PATIENT_COUNT }, (_, i) => ({
    resourceType: 'Patient',
    id: `zz-${String(i + 1).padStart(7, '0')}`,
    meta: { security: HTEST },
    identifier: [
      { system: MRN_SYSTEM, value: `ZZTEST-${String(i + 1).padStart(8, '0')}` },
      { system: 'http://hl7.org/fhir/sid/us-ssn', value: `666-00-${String(1000 + i)}` },
    ],
    name: [{ family: FAMILIES[i % FAMILIES.length], given: [GIVENS[i % GIVENS.length]] }],
    gender: i % 2 === 0 ? 'female' : 'male',
    birthDate: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
    telecom: [{ system: 'phone', value: `+1201555${String(100 + (i % 100)).padStart(4, '0')}` }],
  }));
  patients.push({
    ...patients[0]!,
    id: 'zz-accent',
    identifier: [{ system: MRN_SYSTEM, value: 'ZZTEST-99999999' }],
    name: [{ family: 'Núñez', given: ['Ana', 'María'] }],
    birthDate: '1988-11-23',
    gender: 'other',
  });
  return [
    ...patients,
    {
      resourceType: 'Practitioner',
      id: 'pr-1',
      name: [{ family: 'Osei', given: ['Kwame'] }],
    } as FhirResource,
    encounter('enc-1', 'zz-0000001'),
    encounter('enc-2', 'zz-0000001'),
    encounter('enc-3', 'zz-0000002'),
    {
      resourceType: 'Condition',
      id: 'cond-1',
      subject: { reference: 'Patient/zz-0000001' },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }] },
    } as FhirResource,
    {
      resourceType: 'Appointment',
      id: 'appt-1',
      status: 'booked',
      participant: [
        { actor: { reference: 'Patient/zz-0000002' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/pr-1' }, status: 'accepted' },
      ],
    } as FhirResource,
  ];
}

function encounter(id: string, patientId: string): FhirResource {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: `Patient/${patientId}` },
  } as FhirResource;
}

/** A seeded EHR behind the in-process dispatch, with registered clients and a telemetry capture. */
export function setupEhr() {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const ctx = createEstateContext(clock, bus, 1);
  const ehr = createEhr(ctx);
  ehr.state.seed(fixtureResources());
  ehr.state.addClient({
    clientId: 'crm-sync',
    clientSecret: 'sync-secret',
    name: 'CRM sync job',
    scopes: ['system/*.rs', 'system/Patient.cu', 'system/AuditEvent.rs'],
    actor: { id: 'svc-crm-sync', type: 'integration', name: 'CRM sync' },
  });
  ehr.state.addClient({
    clientId: 'scheduler',
    clientSecret: 'sched-secret',
    name: 'Scheduling app',
    scopes: ['user/Encounter.read', 'user/Appointment.rs'],
    actor: { id: 'pr-1', type: 'clinician', name: 'Kwame Osei' },
  });
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const fetch = createDispatch(() => ehr.handlers, ctx);

  async function token(clientId = 'crm-sync', scope = 'system/*.rs system/Patient.u'): Promise<string> {
    const secret = clientId === 'crm-sync' ? 'sync-secret' : 'sched-secret';
    const response = await fetch('/fhir/R4/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: secret,
        scope,
      }),
    });
    if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function get(path: string, bearer?: string, headers: Record<string, string> = {}) {
    const response = await fetch(path, {
      headers: { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary FHIR JSON
    return { response, status: response.status, body: (await response.json()) as any };
  }

  return { clock, ctx, ehr, events, fetch, token, get };
}
