import type { Authenticated } from './auth.ts';
import { authorize } from './auth.ts';
import { searchsetBundle } from './bundle.ts';
import type { FhirResource } from './fhir-types.ts';
import { FhirError } from './operation-outcome.ts';
import { matchesAll, parseSearch } from './search.ts';
import { type EhrEnv, type ExchangePlan, fhirBaseUrl, type Served } from './serve.ts';
import { isEhrResourceType } from './state.ts';
import { storedAnswer } from './stored-answer.ts';

function lookup(env: EhrEnv, type: string, id: string): FhirResource | undefined {
  if (type === 'AuditEvent') return env.state.auditEvents.find((event) => event.id === id);
  return env.state.get(type, id);
}

function unsupported(type: string): FhirError {
  return new FhirError(404, 'not-supported', `resource type ${type} is not supported by this server`);
}

function assertKnownType(type: string): void {
  if (!isEhrResourceType(type) && type !== 'AuditEvent') throw unsupported(type);
}

function poolOf(env: EhrEnv, type: string): readonly FhirResource[] {
  if (type === 'AuditEvent') return env.state.auditEvents;
  if (isEhrResourceType(type)) return env.state.all(type);
  throw unsupported(type);
}

export function readResource(env: EhrEnv, auth: Authenticated, type: string, id: string): Served {
  assertKnownType(type);
  authorize(auth, type, 'r');
  const resource = lookup(env, type, id);
  if (!resource) throw new FhirError(404, 'not-found', `${type}/${id} is not known`);
  const answer = storedAnswer(resource);
  return { status: 200, body: resource, returned: [resource], headers: answer.headers, serialised: answer };
}

/** A search, either fresh (`offset` 0) or a later page replayed from a `_getpages` handle. */
export function searchResources(
  env: EhrEnv,
  auth: Authenticated,
  request: Request,
  exchange: ExchangePlan,
  params: ReadonlyArray<readonly [string, string]>,
  page: { offset: number; handle?: string } = { offset: 0 },
): Served {
  const type = exchange.resourceType;
  authorize(auth, type, 's', params);
  const search = parseSearch(type, params);
  exchange.query = new URLSearchParams(search.params).toString();
  const pool = () => poolOf(env, type);
  const candidates = isEhrResourceType(type) ? env.state.candidates(type, search.criteria) : pool();
  const matched = candidates.filter((resource) => matchesAll(resource, search.criteria));
  const { offset } = page;
  const count = search.count;
  const resources = matched.slice(offset, offset + count);
  const hasNext = count > 0 && offset + count < matched.length;
  const base = fhirBaseUrl(env, request);
  let handle = page.handle;
  if (!handle && (hasNext || offset > 0)) {
    handle = env.state.opaqueHandle('pg');
    env.state.searches.set(handle, { resourceType: type, params: search.params });
  }
  const pageUrl = (at: number) =>
    `${base}?_getpages=${handle}&_getpagesoffset=${at}&_count=${count}&_bundletype=searchset`;
  const bundle = searchsetBundle({
    id: env.ctx.nextId('bundle'),
    lastUpdated: new Date(env.ctx.clock.now()).toISOString(),
    total: matched.length,
    links: {
      self: request.url,
      first: handle ? pageUrl(0) : undefined,
      previous: handle && offset > 0 ? pageUrl(Math.max(0, offset - count)) : undefined,
      next: handle && hasNext ? pageUrl(offset + count) : undefined,
    },
    resources,
    fhirBaseUrl: base,
  });
  return { status: 200, body: bundle, returned: resources };
}

/** `GET [base]?_getpages=…`: the stored search behind the handle, at the requested offset. */
export function searchPage(
  env: EhrEnv,
  auth: Authenticated,
  request: Request,
  exchange: ExchangePlan,
): Served {
  const url = new URL(request.url);
  const handle = url.searchParams.get('_getpages');
  if (!handle)
    throw new FhirError(400, 'not-supported', 'system-level search is not supported; search a resource type');
  const stored = env.state.searches.get(handle);
  if (!stored) throw new FhirError(404, 'not-found', `unknown or expired page handle ${handle}`);
  exchange.resourceType = stored.resourceType;
  const offsetText = url.searchParams.get('_getpagesoffset') ?? '0';
  if (!/^\d+$/.test(offsetText))
    throw new FhirError(400, 'invalid', `_getpagesoffset must be a non-negative integer`);
  const count = url.searchParams.get('_count');
  const params: Array<[string, string]> =
    count === null ? stored.params : [...stored.params, ['_count', count]];
  return searchResources(env, auth, request, exchange, params, { offset: Number(offsetText), handle });
}

/** `PUT [base]/Patient/{id}`: update, or create when the id is new; either way the change feed fires. */
export async function updatePatient(
  env: EhrEnv,
  auth: Authenticated,
  request: Request,
  id: string,
): Promise<Served> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/application\/(fhir\+)?json/.test(contentType)) {
    throw new FhirError(415, 'not-supported', 'send the Patient as application/fhir+json');
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new FhirError(400, 'invalid', 'the request body is not valid JSON');
  }
  const resource = body as FhirResource;
  if (!body || typeof body !== 'object' || resource.resourceType !== 'Patient') {
    throw new FhirError(400, 'invalid', 'the body must be a Patient resource');
  }
  if (resource.id !== id)
    throw new FhirError(400, 'invalid', `the body id (${resource.id}) must match the URL id (${id})`);
  const exists = env.state.get('Patient', id) !== undefined;
  authorize(auth, 'Patient', exists ? 'u' : 'c');
  const stored = env.state.put(resource);
  const headers: Record<string, string> = { etag: `W/"${stored.meta!.versionId}"` };
  if (!exists)
    headers.location = `${fhirBaseUrl(env, request)}/Patient/${id}/_history/${stored.meta!.versionId}`;
  return { status: exists ? 200 : 201, body: stored, returned: [stored], headers };
}
