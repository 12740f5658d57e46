import { type HttpHandler, http } from 'msw';
import { callerOf } from '../caller.ts';
import { exchangeToken } from './auth.ts';
import { breakGlass } from './break-glass.ts';
import { capabilityStatement, smartConfiguration } from './capability.ts';
import { ANONYMOUS, outcomeOf, sessionKey } from './exchange.ts';
import { readResource, searchPage, searchResources, updatePatient } from './interactions.ts';
import { FhirError, fhirJson } from './operation-outcome.ts';
import { type EhrEnv, fhirBaseUrl, serveData } from './serve.ts';
import {
  namesUnserved,
  unsupportedBaseHandler,
  unsupportedHandler,
  unsupportedResponse,
} from './unsupported.ts';

function pathAndQuery(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

function emitPublic(env: EhrEnv, request: Request, resourceType: string): void {
  const caller = callerOf(request);
  env.ctx.bus.emit({
    system: 'ehr',
    action: 'fhir.metadata',
    actor: ANONYMOUS,
    sourceIp: caller.sourceIp,
    userAgent: caller.userAgent,
    requestId: caller.requestId,
    correlationId: caller.correlationId,
    method: request.method,
    uri: pathAndQuery(request),
    status: 200,
    resource: { type: resourceType },
    patientIds: [],
    fields: [],
    outcome: 'success',
  });
}

async function formParams(request: Request): Promise<Array<[string, string]>> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.includes('application/x-www-form-urlencoded')) {
    throw new FhirError(400, 'invalid', '_search expects application/x-www-form-urlencoded parameters');
  }
  return [...new URL(request.url).searchParams, ...new URLSearchParams(await request.text())];
}

/**
 * The EHR's FHIR R4 REST surface. Order matters: the fixed paths must win over `:type/:id`, which would
 * otherwise read `.well-known/smart-configuration` as a resource.
 */
export function ehrHandlers(env: EhrEnv): HttpHandler[] {
  const base = `*${env.basePath}`;
  const param = (value: string | readonly string[] | undefined) => String(value ?? '');
  return [
    http.get(`${base}/metadata`, ({ request }) => {
      emitPublic(env, request, 'CapabilityStatement');
      const date = new Date(env.ctx.clock.now()).toISOString();
      return fhirJson(capabilityStatement(fhirBaseUrl(env, request), date));
    }),
    http.get(`${base}/.well-known/smart-configuration`, ({ request }) => {
      emitPublic(env, request, 'smart-configuration');
      return fhirJson(smartConfiguration(fhirBaseUrl(env, request)), 200, {
        'content-type': 'application/json',
      });
    }),
    http.post(`${base}/auth/token`, async ({ request }) => {
      const caller = callerOf(request);
      const result = await exchangeToken(env.state, request, env.ctx.clock.now(), env.tokenTtlSeconds);
      env.ctx.bus.emit({
        system: 'ehr',
        action: 'fhir.token',
        actor: result.client?.actor ?? ANONYMOUS,
        clientApp: result.claimedClientId,
        sourceIp: caller.sourceIp,
        userAgent: caller.userAgent,
        session: result.token ? sessionKey(result.token) : undefined,
        requestId: caller.requestId,
        correlationId: caller.correlationId,
        method: request.method,
        uri: pathAndQuery(request),
        status: result.status,
        resource: { type: 'OAuthToken' },
        patientIds: [],
        fields: [],
        outcome: outcomeOf(result.status),
        scopes: result.granted,
      });
      return result.response;
    }),
    http.post(`${base}/$break-glass`, ({ request }) => breakGlass(env, request)),
    http.get(base, ({ request }) =>
      serveData(
        env,
        request,
        { action: 'fhir.search', interaction: 'search-type', resourceType: 'unknown' },
        (auth, exchange) => searchPage(env, auth, request, exchange),
      ),
    ),
    http.post(`${base}/:type/_search`, ({ request, params }) =>
      serveData(
        env,
        request,
        { action: 'fhir.search', interaction: 'search-type', resourceType: param(params.type) },
        async (auth, exchange) => searchResources(env, auth, request, exchange, await formParams(request)),
      ),
    ),
    http.get(`${base}/:type/:id`, ({ request, params }) => {
      if (namesUnserved(params)) return unsupportedResponse(env, request);
      const type = param(params.type);
      const id = param(params.id);
      const plan = { action: 'fhir.read', interaction: 'read', resourceType: type, resourceId: id } as const;
      return serveData(env, request, { ...plan, targetPatientIds: type === 'Patient' ? [id] : [] }, (auth) =>
        readResource(env, auth, type, id),
      );
    }),
    http.get(`${base}/:type`, ({ request, params }) =>
      namesUnserved(params)
        ? unsupportedResponse(env, request)
        : serveData(
            env,
            request,
            { action: 'fhir.search', interaction: 'search-type', resourceType: param(params.type) },
            (auth, exchange) =>
              searchResources(env, auth, request, exchange, [...new URL(request.url).searchParams]),
          ),
    ),
    http.put(`${base}/:type/:id`, ({ request, params }) => {
      const type = param(params.type);
      const id = param(params.id);
      const plan = {
        action: 'fhir.update',
        interaction: 'update',
        resourceType: type,
        resourceId: id,
      } as const;
      return serveData(
        env,
        request,
        { ...plan, targetPatientIds: type === 'Patient' ? [id] : [] },
        (auth) => {
          if (type !== 'Patient')
            throw new FhirError(405, 'not-supported', `update is only supported for Patient`);
          return updatePatient(env, auth, request, id);
        },
      );
    }),
    unsupportedHandler(env),
    unsupportedBaseHandler(env),
  ];
}
