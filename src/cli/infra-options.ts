import { parseDuration } from '../clock/duration.ts';
import { containerEngine, startContainers } from '../infra/containers.ts';
import { openDataPlane } from '../infra/data-plane.ts';
import { isInfraKind } from '../infra/kinds.ts';
import { checkNamespace } from '../infra/names.ts';
import { preflightServices } from '../infra/preflight.ts';
import { readServiceUrls, type ServiceName } from '../infra/service-urls.ts';
import { HOLD_TRIGGERS, type HoldOptions, type HoldTrigger } from '../run/hold.ts';
import type { RunInfraOptions } from '../run/run-infra.ts';

export const INFRA_USAGE = `  --infra KIND             where the data plane lives: memory (default), services (PHI_DRILL_*_URL), containers
  --infra-namespace NAME   schema, queue and key prefix to use (default: one per run id; one scenario only)
  --infra-allow-foreign    write into a namespace that holds data phi-drill did not create
  --hold DURATION|until-confirmed
                           with --infra and --target: once a leak reaches the servers, leave it there in
                           real time until an alert arrives through an intake (or the time runs out)
  --hold-on any|staging|dead-letters|sessions
                           which leak starts the hold (default: the first to reach a server);
                           sessions: a portal session left live in Redis after logout
`;

/** The longest `--hold until-confirmed` waits for an alert before giving up. */
export const HOLD_UNTIL_CONFIRMED_MS = 24 * 3_600_000;

/** `--hold 10m` or `--hold until-confirmed`; an error line for anything else or a missing --infra/--target. */
export function parseHold(
  text: string | undefined,
  flags: { infra?: string; target?: string; 'hold-on'?: string },
): { ok: true; hold?: HoldOptions } | { ok: false; error: string } {
  const on = flags['hold-on'] ?? 'any';
  if (!(HOLD_TRIGGERS as readonly string[]).includes(on))
    return { ok: false, error: `--hold-on must be ${HOLD_TRIGGERS.join(', ')}, got "${on}"` };
  const trigger = on as HoldTrigger;
  if (text === undefined)
    return flags['hold-on'] === undefined ? { ok: true } : { ok: false, error: '--hold-on needs --hold' };
  if (!flags.infra || flags.infra === 'memory')
    return {
      ok: false,
      error: '--hold needs --infra services or containers: the leak is held on real servers',
    };
  if (!flags.target)
    return { ok: false, error: '--hold needs --target: alerts come back through its intakes' };
  if (text === 'until-confirmed')
    return { ok: true, hold: { forMs: HOLD_UNTIL_CONFIRMED_MS, untilAlert: true, on: trigger } };
  const forMs = parseDuration(text);
  if (forMs === undefined || forMs <= 0)
    return { ok: false, error: `--hold takes a duration like 10m or until-confirmed, got "${text}"` };
  return { ok: true, hold: { forMs, untilAlert: true, on: trigger } };
}

export interface InfraFlags {
  infra?: string;
  'infra-namespace'?: string;
  'infra-allow-foreign'?: boolean;
  /** A target file's own environment variable names for the service URLs. */
  urlsFromEnv?: Partial<Record<ServiceName, string>>;
}

export type InfraSetup =
  | { ok: true; infra?: RunInfraOptions; stop(): Promise<void> }
  | { ok: false; error: string };

/**
 * Turns `--infra …` into what each run needs, checking everything before any scenario starts: the
 * URLs (present, right scheme, loopback unless allow-listed), that each server accepts the
 * credentials, or that a container engine answers. Any problem is one line.
 */
export async function setUpInfra(
  flags: InfraFlags,
  env: Readonly<Record<string, string | undefined>>,
  scenarios: number,
): Promise<InfraSetup> {
  const kind = flags.infra ?? 'memory';
  const idle = async () => {};
  if (!isInfraKind(kind))
    return { ok: false, error: `--infra must be memory, services or containers, got "${kind}"` };
  if (kind === 'memory') {
    if (flags['infra-namespace'] || flags['infra-allow-foreign'])
      return {
        ok: false,
        error: '--infra-namespace and --infra-allow-foreign need --infra services or containers',
      };
    return { ok: true, stop: idle };
  }
  const namespace = flags['infra-namespace'];
  if (namespace !== undefined) {
    const problem = checkNamespace(namespace);
    if (problem) return { ok: false, error: `--infra-namespace: ${problem}` };
    if (scenarios > 1)
      return { ok: false, error: '--infra-namespace names one run’s namespace; run one scenario with it' };
  }
  const shared = { namespace, allowForeign: flags['infra-allow-foreign'] ?? false };
  if (kind === 'containers') {
    const engine = await containerEngine();
    if (!engine.ok) return engine;
    const started = await startContainers().catch((error: unknown) => error as Error);
    if (started instanceof Error)
      return { ok: false, error: `--infra containers: ${started.message.split('\n')[0]}` };
    return { ok: true, infra: { kind, urls: started.urls, ...shared }, stop: started.stop };
  }
  const read = readServiceUrls(env, flags.urlsFromEnv);
  if (!read.ok) return read;
  const reachable = await preflightServices(read.urls);
  if (!reachable.ok) return reachable;
  if (namespace !== undefined) {
    // A named namespace may already hold someone's data: try it (creating and removing nothing else).
    const trial = await openDataPlane({
      kind,
      urls: read.urls,
      ...shared,
      namespace,
      onLost: () => {},
    }).catch((error: unknown) => error as Error);
    if (trial instanceof Error) return { ok: false, error: trial.message };
    await trial.remove();
  }
  return { ok: true, infra: { kind, urls: read.urls, ...shared }, stop: idle };
}
