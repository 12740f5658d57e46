import { callerOf } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { type Authenticated, authenticate } from './auth.ts';
import { type DataExchange, recordExchange } from './exchange.ts';
import type { FhirResource } from './fhir-types.ts';
import { FhirError, fhirJson, fhirJsonText } from './operation-outcome.ts';
import type { EhrState } from './state.ts';

export interface EhrEnv {
  ctx: EstateContext;
  state: EhrState;
  /** Path of the FHIR base, e.g. `/fhir/R4`. */
  basePath: string;
  tokenTtlSeconds: number;
}

/** What a data interaction produced; the exchange it is handed may be refined (e.g. the type behind a page handle). */
export interface Served {
  status: number;
  body: unknown;
  returned: FhirResource[];
  headers?: Readonly<Record<string, string>>;
  /** `body` already serialised, when it is a stored resource whose JSON is kept (`storedAnswer`). */
  serialised?: { json: string; byteLength: number };
}

export type ExchangePlan = Pick<DataExchange, 'action' | 'interaction' | 'resourceType'> &
  Partial<Pick<DataExchange, 'resourceId' | 'targetPatientIds' | 'query'>>;

export function fhirBaseUrl(env: EhrEnv, request: Request): string {
  return `${new URL(request.url).origin}${env.basePath}`;
}

/**
 * Runs one authenticated data interaction and records it: every outcome, including a missing token or a
 * refused scope, produces exactly one TelemetryEvent and (audit permitting) one AuditEvent.
 */
export async function serveData(
  env: EhrEnv,
  request: Request,
  plan: ExchangePlan,
  run: (auth: Authenticated, exchange: ExchangePlan) => Served | Promise<Served>,
): Promise<Response> {
  const exchange: ExchangePlan = { ...plan };
  let auth: Authenticated | undefined;
  let served: Served;
  try {
    auth = authenticate(env.state, request, env.ctx.clock.now());
    served = await run(auth, exchange);
  } catch (error) {
    if (!(error instanceof FhirError)) throw error;
    record(
      env,
      request,
      exchange,
      { status: error.status, body: undefined, returned: [] },
      auth,
      error.message,
    );
    return error.toResponse();
  }
  record(env, request, exchange, served, auth);
  const { serialised } = served;
  return serialised
    ? fhirJsonText(serialised.json, serialised.byteLength, served.status, served.headers)
    : fhirJson(served.body, served.status, served.headers);
}

function record(
  env: EhrEnv,
  request: Request,
  exchange: ExchangePlan,
  served: Served,
  auth: Authenticated | undefined,
  diagnostics?: string,
): void {
  recordExchange(env.ctx, env.state, {
    ...exchange,
    request,
    caller: callerOf(request),
    status: served.status,
    auth,
    returned: served.returned,
    diagnostics,
    audited: exchange.resourceType !== 'AuditEvent',
    fhirBaseUrl: fhirBaseUrl(env, request),
  });
}
