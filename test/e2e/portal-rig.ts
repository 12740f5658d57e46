import { RealClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { type LoopbackServer, serveOnLoopback } from '../../src/estate/loopback-server.ts';
import type { PortalOptions } from '../../src/estate/portal/index.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

export interface PortalRig {
  server: LoopbackServer;
  loginUrl: string;
  /** The environment portal-check reads credentials from. */
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

/** The estate's portal on a loopback port, on the real clock, in the given posture. */
export async function servePortal(portal: PortalOptions = {}): Promise<PortalRig> {
  const clock = new RealClock();
  const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 5, patients: 12, portal });
  const server = await serveOnLoopback(estate.fetch);
  const login = estate.credentials.portal.loginFor(2);
  return {
    server,
    loginUrl: `${server.url}/portal/login`,
    env: {
      ...process.env,
      PHI_DRILL_PORTAL_USER: login.username,
      PHI_DRILL_PORTAL_PASSWORD: login.password,
      PHI_DRILL_PORTAL_TOTP: login.totpSecret,
    },
    close: () => server.close(),
  };
}

export function captureIo(env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (chunk: string) => out.push(chunk) },
      stderr: { write: (chunk: string) => err.push(chunk) },
      env,
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
