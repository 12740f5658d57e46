import type { AppliedInject } from '../../src/inject/define.ts';
import { createRegistry } from '../../src/registry.ts';
import { bearer, crmToken } from '../support/crm-console.ts';
import { injectContext, observedEstate } from '../support/observed-estate.ts';

const registry = createRegistry();

/** Monday 15:00 in New York: clinic hours, tomorrow's reminders already scheduled. */
const CLINIC_HOURS = '2026-03-02T20:00:00Z';

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
  const { clock, events, estate } = observedEstate({ seed: 5, patients: 40, at: CLINIC_HOURS });
  const definition = registry.injectors.get(injector);
  if (!definition) throw new Error(`no injector ${injector}`);
  const applied: AppliedInject = await definition.apply(
    injectContext(estate, clock, { injectId: 'leak', correlationId: `drill-${injector}-leak` }),
    definition.params.parse(params),
  );
  const call = (method: string, path: string, { token, body, headers = {} }: ConsoleCall = {}) =>
    estate.fetch(path, {
      method,
      headers: {
        ...bearer(token),
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
    admin: () => crmToken(estate, estate.credentials.crm.admin),
    desk: () => crmToken(estate, estate.credentials.crm.frontDesk[0]!),
    marketing: () => crmToken(estate, estate.credentials.crm.marketing),
    api: `/services/data/v${estate.crmApiVersion}`,
  };
}

/** A refusal's reason, from a console's `{error}` or the CRM's `[{message}]`. */
export async function reasonOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: string } | Array<{ message: string }>;
  return Array.isArray(body) ? (body[0]?.message ?? '') : (body.error ?? '');
}
