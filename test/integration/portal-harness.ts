import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstateContext, type EstateContext } from '../../src/estate/context.ts';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { type LoopbackServer, serveOnLoopback } from '../../src/estate/loopback-server.ts';
import { createPortal, type Portal, type PortalOptions } from '../../src/estate/portal/portal.ts';
import type { PortalDirectory } from '../../src/estate/portal/types.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

export const START = Date.parse('2026-03-02T09:00:00Z');
export const PATIENT_IP = '203.0.113.7';
export const OTHER_IP = '198.51.100.99';

/** Ava's authenticator secret (base32, synthetic). */
export const AVA_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const directory: PortalDirectory = {
  findLogin(username) {
    if (username === 'ava.zztest')
      return {
        patientId: 'zz-0000001',
        password: 'Correct-Horse-1',
        displayName: 'Ava Zztest',
        totpSecret: AVA_TOTP_SECRET,
      };
    if (username === 'ben.zztest')
      return {
        patientId: 'zz-0000002',
        password: 'Battery-Staple-2',
        displayName: 'Ben Zztest',
        totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      };
    return undefined;
  },
  appointmentsFor(patientId) {
    if (patientId !== 'zz-0000001') return [];
    return [
      {
        id: 'appt-3',
        start: '2026-04-10T14:00:00Z',
        status: 'booked',
        description: 'Oncology consult',
        practitioner: 'Dr. Kim Example',
      },
      {
        id: 'appt-2',
        start: '2026-03-09T08:30:00Z',
        status: 'booked',
        description: 'HIV viral load draw',
        practitioner: 'Dr. Lee Example',
      },
      {
        id: 'appt-1',
        start: '2026-01-05T10:00:00Z',
        status: 'fulfilled',
        description: 'Past flu shot',
        practitioner: 'Dr. Old Example',
      },
    ];
  },
};

export interface PortalRig {
  ctx: EstateContext;
  clock: VirtualClock;
  portal: Portal;
  server: LoopbackServer;
  events: TelemetryEvent[];
  login(username: string, password: string, ip?: string): Promise<Response>;
  view(cookie?: string, ip?: string): Promise<Response>;
  logout(cookie: string): Promise<Response>;
}

/** Reads the portal cookie a response set, the way a browser (or an attacker's script) would. */
export function cookieFrom(response: Response): string {
  const header = response.headers.getSetCookie().find((one) => one.startsWith('portal_session='));
  if (!header) throw new Error('no portal_session cookie set');
  return header.split(';')[0]!;
}

export async function startPortal(options: PortalOptions = {}, seed = 42): Promise<PortalRig> {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const ctx = createEstateContext(clock, bus, seed);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const portal = createPortal(ctx, directory, options);
  const server = await serveOnLoopback(createDispatch(() => portal.handlers, ctx));
  const headers = (ip: string, cookie?: string): Record<string, string> => ({
    'x-forwarded-for': ip,
    'user-agent': 'PortalTest/1.0',
    ...(cookie ? { cookie } : {}),
  });
  return {
    ctx,
    clock,
    portal,
    server,
    events,
    login: (username, password, ip = PATIENT_IP) =>
      fetch(`${server.url}/portal/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers(ip), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }).toString(),
      }),
    view: (cookie, ip = PATIENT_IP) =>
      fetch(`${server.url}/portal/appointments`, { redirect: 'manual', headers: headers(ip, cookie) }),
    logout: (cookie) =>
      fetch(`${server.url}/portal/logout`, {
        method: 'POST',
        redirect: 'manual',
        headers: headers(PATIENT_IP, cookie),
      }),
  };
}
