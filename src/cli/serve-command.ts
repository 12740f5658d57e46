import { parseArgs } from 'node:util';
import { RealClock } from '../clock/clock.ts';
import type { EstateFetch } from '../estate/dispatch.ts';
import { createEstate } from '../estate/estate.ts';
import { isLoopbackHost, serveOnLoopback } from '../estate/loopback-server.ts';
import { PORTAL_POSTURES } from '../estate/portal/postures.ts';
import { retainNewest } from '../estate/retention.ts';
import { TelemetryBus } from '../telemetry/bus.ts';
import { EXIT } from './exit-codes.ts';

export const SERVE_USAGE = `usage: phi-drill serve [--port N] [--host H] [--seed N] [--patients N] [--keep-logs N] [--portal secure|weak] [--json]
  --port N       loopback port, 0 to 65535 (default: 0, any free port)
  --host H       loopback address to listen on (default: 127.0.0.1)
  --seed N       population seed (default: 1)
  --patients N   population size (default: 200)
  --keep-logs N  newest records kept per estate log, so memory stays flat (default: 10000)
  --portal P     the portal's posture: secure (default) or weak (every documented weakness on)
  --json         print base URLs and credentials as one JSON line

Serves the simulated EHR, CRM and portal on the real clock until interrupted.
`;

/** Newest records kept per estate log while serving (AuditEvents, app log, portal access log …). */
const DEFAULT_KEEP_LOGS = 10_000;

/**
 * `phi-drill serve`: the estate on a loopback port, on the real clock, for official client libraries
 * and outside tools. `--json` prints base URLs and credentials (generated for this process only),
 * then serves until interrupted.
 */
export async function serveCommand(
  argv: string[],
  io: { stdout: { write(chunk: string): unknown }; stderr: { write(chunk: string): unknown } },
  signal?: AbortSignal,
): Promise<number> {
  let values: {
    port?: string;
    seed?: string;
    patients?: string;
    host?: string;
    json?: boolean;
    'keep-logs'?: string;
    portal?: string;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        patients: { type: 'string' },
        json: { type: 'boolean' },
        'keep-logs': { type: 'string' },
        portal: { type: 'string' },
      },
    }));
  } catch (error) {
    io.stderr.write(`phi-drill serve: ${(error as Error).message}\n${SERVE_USAGE}`);
    return EXIT.usage;
  }
  const seed = Number(values.seed ?? 1);
  const patients = Number(values.patients ?? 200);
  const port = Number(values.port ?? 0);
  const keepLogs = Number(values['keep-logs'] ?? DEFAULT_KEEP_LOGS);
  if (!Number.isInteger(seed) || !Number.isInteger(patients) || patients < 1 || !Number.isInteger(port)) {
    io.stderr.write(`phi-drill serve: --seed, --patients and --port take integers\n${SERVE_USAGE}`);
    return EXIT.usage;
  }
  if (port < 0 || port > 65_535) {
    io.stderr.write(`phi-drill serve: --port must be from 0 to 65535 (0 picks a free one), got ${port}\n`);
    return EXIT.usage;
  }
  if (values.host !== undefined && !isLoopbackHost(values.host)) {
    io.stderr.write(
      `phi-drill serve: --host ${values.host} is not a loopback address; the estate listens only on 127.0.0.1 or ::1\n`,
    );
    return EXIT.usage;
  }
  if (!Number.isInteger(keepLogs) || keepLogs < 1) {
    io.stderr.write(`phi-drill serve: --keep-logs takes a positive integer, got "${values['keep-logs']}"\n`);
    return EXIT.usage;
  }
  const posture = values.portal ?? 'secure';
  if (!Object.hasOwn(PORTAL_POSTURES, posture)) {
    io.stderr.write(`phi-drill serve: --portal takes secure or weak (got ${posture})\n`);
    return EXIT.usage;
  }
  const clock = new RealClock();
  const estate = createEstate({
    clock,
    bus: new TelemetryBus(clock),
    seed,
    patients,
    portal: PORTAL_POSTURES[posture as keyof typeof PORTAL_POSTURES],
  });
  // A port in use or a non-loopback host is thrown on: main prints it as one line, exit 3 or 2.
  const retain = retainNewest(estate, keepLogs);
  const fetchAndRetain: EstateFetch = async (input, init) => {
    const response = await estate.fetch(input, init);
    retain();
    return response;
  };
  const server = await serveOnLoopback(fetchAndRetain, { host: values.host, port });
  const { crm, ehr, portal } = estate.credentials;
  const info = {
    baseUrl: server.url,
    fhir: `${server.url}/fhir/R4`,
    salesforce: { loginUrl: server.url, instanceUrl: server.url, apiVersion: estate.crmApiVersion },
    portal: `${server.url}/portal/login`,
    salesforceApp: { clientId: crm.consoleApp.clientId, clientSecret: crm.consoleApp.clientSecret },
    salesforceUser: { username: crm.frontDesk[0]!.username, password: crm.frontDesk[0]!.password },
    // Holds View Event Log Files, so EventLogFile collectors work with what serve prints.
    salesforceSecurityAnalyst: {
      username: crm.securityAnalyst.username,
      password: crm.securityAnalyst.password,
    },
    fhirClient: {
      clientId: ehr.clinicians[0]!.clientId,
      clientSecret: ehr.clinicians[0]!.clientSecret,
      tokenUrl: `${server.url}/fhir/R4/auth/token`,
    },
    portalUser: (({ username, password }) => ({ username, password }))(portal.loginFor(0)),
  };
  io.stdout.write(
    values.json
      ? `${JSON.stringify(info)}\n`
      : `phi-drill estate on ${server.url} (Ctrl-C to stop)\n${JSON.stringify(info, null, 2)}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  return 0;
}
