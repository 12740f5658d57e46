import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstateContext } from '../../src/estate/context.ts';
import { type CrmUserInput, createCrm } from '../../src/estate/crm/index.ts';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

export const START = Date.parse('2026-03-02T14:00:00Z');

/** The fixture's front-desk user: no View All Data, so sharing decides what it reads. */
export const FRONT_DESK_USER = {
  username: 'desk@clinic.example.org',
  password: 'desk-pass-1',
  name: 'Dana Desk',
  profile: 'Front Desk',
  userType: 'Standard',
  permissions: ['ApiEnabled'],
} as const satisfies CrmUserInput;

/** A small org: an integration user, a front-desk user, an admin, one connected app and `patients` person accounts. */
export function crmFixture(patients = 5) {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const ctx = createEstateContext(clock, bus, 1);
  const crm = createCrm(ctx);
  const { state } = crm;
  const integration = state.addUser({
    username: 'sync@clinic.example.org',
    password: 'sync-pass-1',
    name: 'EHR Sync',
    profile: 'Integration',
    userType: 'Integration',
    permissions: ['ApiEnabled', 'ViewAllData', 'ModifyAllData'],
  });
  const frontDesk = state.addUser(FRONT_DESK_USER);
  const admin = state.addUser({
    username: 'admin@clinic.example.org',
    password: 'admin-pass-1',
    name: 'Ada Admin',
    profile: 'System Administrator',
    userType: 'Admin',
    permissions: ['ApiEnabled', 'ModifyAllData'],
  });
  const app = state.addConnectedApp({
    name: 'EHR Sync',
    clientId: '3MVG9.sync-client',
    clientSecret: 'sync-secret',
    scopes: ['api', 'refresh_token', 'id'],
    thirdParty: false,
    runAsUsername: integration.username,
  });
  const accounts = Array.from({ length: patients }, (_, i) =>
    state.insert('Account', {
      FirstName: `Pat${i}`,
      LastName: `Zztest${String(i).padStart(4, '0')}`,
      MRN__c: `ZZTEST-${String(i).padStart(8, '0')}`,
      SSN__c: `000-00-${String(1000 + i)}`,
      FHIR_Patient_Id__c: `zz-${String(i).padStart(7, '0')}`,
      Primary_Diagnosis__c: 'E11.9',
      PersonBirthdate: `19${50 + (i % 40)}-0${1 + (i % 9)}-15`,
      Synthetic_Watermark__c: `phi-drill:v2:s1:p${i.toString(36)}:x`,
    }),
  );
  const fetch = createDispatch(() => crm.handlers, ctx);

  async function login(username: string, password: string, extra: Record<string, string> = {}) {
    const response = await fetch('/services/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        username,
        password,
        ...extra,
      }),
    });
    const body = (await response.json()) as Record<string, string>;
    if (!body.access_token) throw new Error(`login failed: ${JSON.stringify(body)}`);
    return body;
  }

  function api(path: string, token: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`/services/data/v66.0/${path}`, { ...init, headers });
  }

  return {
    clock,
    bus,
    events,
    ctx,
    crm,
    state,
    integration,
    frontDesk,
    admin,
    app,
    accounts,
    fetch,
    login,
    api,
  };
}
