import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import type { AppliedInject } from '../../src/inject/define.ts';
import { createRegistry } from '../../src/registry.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const registry = createRegistry();

/** Monday 15:00 in New York: clinic hours, tomorrow's reminders already scheduled. */
const CLINIC_HOURS = Date.parse('2026-03-02T20:00:00Z');

export interface ConsoleCall {
  token?: string;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A small estate with one catalog inject applied and no control running, so only the responder's
 * calls can flip the inject's containment probes; the calls go through the estate's own HTTP
 * interfaces, as a SOAR's would.
 */
export async function containmentRig(injector: string, params: Record<string, unknown> = {}) {
  const clock = new VirtualClock(CLINIC_HOURS);
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 5, patients: 40 });
  const definition = registry.injectors.get(injector);
  if (!definition) throw new Error(`no injector ${injector}`);
  const applied: AppliedInject = await definition.apply(
    {
      estate,
      clock,
      injectId: 'leak',
      correlationId: `drill-${injector}-leak`,
      fetch: estate.fetch,
      later: () => {},
      keep: () => {},
      exposed: () => {},
    },
    definition.params.parse(params),
  );
  const login = async (user: { username: string; password: string }) => {
    const { consoleApp } = estate.credentials.crm;
    const response = await estate.fetch('/services/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: consoleApp.clientId,
        client_secret: consoleApp.clientSecret,
        username: user.username,
        password: user.password,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const call = (method: string, path: string, { token, body, headers = {} }: ConsoleCall = {}) =>
    estate.fetch(path, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body }),
    });
  const probe = (condition: string) => applied.probes[condition]!();
  return {
    clock,
    estate,
    events,
    probe,
    call,
    admin: () => login(estate.credentials.crm.admin),
    desk: () => login(estate.credentials.crm.frontDesk[0]!),
    api: `/services/data/v${estate.crmApiVersion}`,
  };
}

/** A refusal's reason, from a console's `{error}` or the CRM's `[{message}]`. */
export async function reasonOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: string } | Array<{ message: string }>;
  return Array.isArray(body) ? (body[0]?.message ?? '') : (body.error ?? '');
}
