import { parseArgs } from 'node:util';
import { RealClock } from '../clock/clock.ts';
import { createEstate } from '../estate/estate.ts';
import { serveOnLoopback } from '../estate/loopback-server.ts';
import { PORTAL_POSTURES } from '../estate/portal/postures.ts';
import { TelemetryBus } from '../telemetry/bus.ts';

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
        portal: { type: 'string' },
      },
    }));
  } catch (error) {
    io.stderr.write(
      `${(error as Error).message}\nusage: phi-drill serve [--port N] [--seed N] [--patients N] [--portal secure|weak] [--json]\n`,
    );
    return 2;
  }
  const seed = Number(values.seed ?? 1);
  const patients = Number(values.patients ?? 200);
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(seed) || !Number.isInteger(patients) || patients < 1 || !Number.isInteger(port)) {
    io.stderr.write('--seed, --patients and --port take integers\n');
    return 2;
  }
  const posture = values.portal ?? 'secure';
  if (!Object.hasOwn(PORTAL_POSTURES, posture)) {
    io.stderr.write(`--portal takes secure or weak (got ${posture})\n`);
    return 2;
  }
  const clock = new RealClock();
  const portalPosture = PORTAL_POSTURES[posture as keyof typeof PORTAL_POSTURES];
  const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed, patients, portal: portalPosture });
  let server: Awaited<ReturnType<typeof serveOnLoopback>>;
  try {
    server = await serveOnLoopback(estate.fetch, { host: values.host, port });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const { crm, ehr, portal } = estate.credentials;
  const info = {
    baseUrl: server.url,
    fhir: `${server.url}/fhir/R4`,
    salesforce: { loginUrl: server.url, instanceUrl: server.url, apiVersion: estate.crmApiVersion },
    portal: `${server.url}/portal/login`,
    salesforceApp: { clientId: crm.consoleApp.clientId, clientSecret: crm.consoleApp.clientSecret },
    salesforceUser: { username: crm.frontDesk[0]!.username, password: crm.frontDesk[0]!.password },
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
