import { HttpHandler, matchRequestUrl, type RequestHandler } from 'msw';

type Resolver = (info: Record<string, unknown>) => unknown;

/** What msw keeps on a plain `http.*` handler at run time (`resolver` and `options` are not public in its types). */
interface HandlerInternals {
  readonly resolver: Resolver;
  readonly options?: { once?: boolean };
}

/** A handler reduced to what a request needs to test and call it; `undefined` when msw must run it itself. */
interface DirectRoute {
  readonly method: string | RegExp;
  readonly path: string | RegExp;
  readonly resolver: Resolver;
  /** The path's segments, lower-cased, `null` for a parameter; absent when the path has wildcards. */
  readonly segments?: ReadonlyArray<string | null>;
  /**
   * For a `*\/a/:b` path of literal segments and whole-segment parameters: the literals as written
   * and each parameter's name, so the request is matched here instead of by msw's matcher.
   */
  readonly exact?: {
    readonly literals: ReadonlyArray<string | null>;
    readonly names: ReadonlyArray<string | null>;
  };
}

/** A parameter that is its segment's whole text (`:id`), as msw names it. */
const WHOLE_PARAMETER = /^:([A-Za-z_]\w*)$/;

/**
 * The literals and parameter names of a path msw would match segment by segment: one starting
 * `*\/` (any origin) made of plain literals and whole-segment parameters, no name twice, and
 * without a trailing slash.
 */
function exactOf(path: string): DirectRoute['exact'] {
  if (!path.startsWith('*/')) return undefined;
  const local = path.slice(1);
  // A trailing slash in the pattern makes msw strict about it: left to msw.
  if (/[*?(){}+%\\]/.test(local) || local.endsWith('/')) return undefined;
  const literals: Array<string | null> = [];
  const names: Array<string | null> = [];
  for (const segment of pathSegments(local)) {
    const name = WHOLE_PARAMETER.exec(segment)?.[1];
    if (name === undefined && (segment === '' || segment.includes(':'))) return undefined;
    if (name !== undefined && names.includes(name)) return undefined;
    literals.push(name === undefined ? segment : null);
    names.push(name ?? null);
  }
  return { literals, names };
}

/**
 * msw's answer for a route with `exact` segments: the parameters when every literal is equal (case
 * and all) and every parameter has text, decoded as msw decodes them; `null` for no match, and
 * `undefined` when a segment is percent-encoded, whose literal comparison is msw's to make.
 */
function matchExact(
  exact: NonNullable<DirectRoute['exact']>,
  requested: readonly string[],
): Record<string, string> | null | undefined {
  if (requested.length !== exact.literals.length) return null;
  const params: Record<string, string> = {};
  for (let at = 0; at < requested.length; at++) {
    const got = requested[at]!;
    if (got.includes('%')) return undefined;
    const name = exact.names[at];
    if (name === null) {
      if (got !== exact.literals[at]) return null;
    } else if (got === '') return null;
    else params[name!] = got;
  }
  return params;
}

/**
 * The segments of a plain path (`*\/fhir/R4/:type/:id` → fhir, r4, a parameter, a parameter), to
 * turn a request away before msw's matcher runs. A segment with a parameter anywhere in it counts
 * as a parameter. Only paths made of literal segments and parameters qualify; anything with a
 * wildcard after the origin, a group or a modifier is left to msw alone.
 */
function segmentsOf(path: string): Array<string | null> | undefined {
  const local = path.replace(/^[a-z][a-z\d+\-.]*:\/\/[^/]*/i, '').replace(/^\*(?=\/)/, '');
  if (!local.startsWith('/') || /[*?(){}+]/.test(local)) return undefined;
  return pathSegments(local).map((segment) => (segment.includes(':') ? null : segment.toLowerCase()));
}

/** `/a/b/` → a, b: the segments between the leading slash and an optional trailing one. */
function pathSegments(path: string): string[] {
  const segments = path.split('/').slice(1);
  if (segments.length > 0 && segments.at(-1) === '') segments.pop();
  return segments;
}

/**
 * Whether a request path could match a route's segments: msw would say no to a different number of
 * segments (a trailing slash aside) or to another literal. Lenient wherever msw could still say
 * yes (any case, any percent-encoded segment), so it only ever spares msw a certain no.
 */
function couldMatch(segments: ReadonlyArray<string | null>, requested: readonly string[]): boolean {
  if (segments.length !== requested.length) return false;
  for (let at = 0; at < segments.length; at++) {
    const literal = segments[at];
    const got = requested[at]!;
    if (literal !== null && !got.includes('%') && literal !== got.toLowerCase()) return false;
  }
  return true;
}

const routes = new WeakMap<RequestHandler, DirectRoute | null>();

function isGenerator(fn: Resolver): boolean {
  const name = fn.constructor.name;
  return name === 'GeneratorFunction' || name === 'AsyncGeneratorFunction';
}

/**
 * A plain `http.get(path, resolver)` handler can be tested and called directly. Anything with
 * state of its own between requests (`once`, a generator resolver), a custom predicate, or
 * another kind of handler (SSE, GraphQL) goes through msw's own `run`, which keeps that state.
 */
function directRoute(handler: RequestHandler): DirectRoute | null {
  let route = routes.get(handler);
  if (route !== undefined) return route;
  route = null;
  // Exactly HttpHandler: its subclasses (SSE) add resolver arguments of their own.
  if (handler instanceof HttpHandler && Object.getPrototypeOf(handler) === HttpHandler.prototype) {
    const { method, path } = handler.info;
    const { resolver, options } = handler as unknown as HandlerInternals;
    if ((typeof path === 'string' || path instanceof RegExp) && !options?.once && !isGenerator(resolver)) {
      const segments = typeof path === 'string' ? segmentsOf(path) : undefined;
      const exact = typeof path === 'string' ? exactOf(path) : undefined;
      route = {
        method: typeof method === 'string' ? method.toUpperCase() : method,
        path,
        resolver,
        ...(segments ? { segments } : {}),
        ...(exact ? { exact } : {}),
      };
    }
  }
  routes.set(handler, route);
  return route;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The request's `Cookie` header as msw hands it to a resolver; the first of a repeated name wins. */
function cookiesOf(request: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    if (at > 0 && !(name in cookies))
      cookies[name] = decoded(
        pair
          .slice(at + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
  }
  return cookies;
}

/**
 * The first response of `handlers` for `request`, in their order, as msw's `getResponse` finds it,
 * without its per-handler costs: msw parses the URL and the cookies once per handler tried, clones
 * every request, and arms an AbortController (whose abort builds a DOMException) around every
 * resolver, for cleanups that an in-process request, which nothing can abort, never needs.
 * A handler that matches but returns nothing passes the request on, as in msw; a thrown Response
 * is the response. `requestId` is the estate's own, so a resolver sees the id telemetry is joined on.
 */
export async function resolveHandlers(
  handlers: readonly RequestHandler[],
  request: Request,
  context: { readonly baseUrl: string; readonly requestId: string; readonly url?: URL },
): Promise<Response | undefined> {
  const { baseUrl, requestId } = context;
  const url = context.url ?? new URL(request.url);
  const method = request.method.toUpperCase();
  let requested: string[] | undefined;
  for (const handler of handlers) {
    const route = directRoute(handler);
    if (!route) {
      const result = await handler.run({ request, requestId, resolutionContext: { baseUrl } });
      if (result?.response) return result.response;
      continue;
    }
    if (typeof route.method === 'string' ? route.method !== method : !route.method.test(method)) continue;
    // `undefined` while msw's matcher must still decide; `null` for a certain no.
    let params: Record<string, string> | null | undefined;
    if (route.segments) {
      requested ??= pathSegments(url.pathname);
      if (route.exact) params = matchExact(route.exact, requested);
      else if (!couldMatch(route.segments, requested)) params = null;
    }
    if (params === null) continue;
    if (params === undefined) {
      const match = matchRequestUrl(url, route.path, baseUrl);
      if (!match.matches) continue;
      params = match.params as Record<string, string>;
    }
    let response: unknown;
    try {
      response = await route.resolver({
        request,
        requestId,
        params,
        // Parsed only for the resolver that reads them: hardly any does.
        get cookies() {
          return cookiesOf(request);
        },
      });
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
    if (response instanceof Response) return response;
  }
  return undefined;
}
