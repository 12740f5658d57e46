import type { RequestHandler } from 'msw';
import { REQUEST_ID_HEADER } from './caller.ts';
import type { EstateContext } from './context.ts';
import { resolveHandlers } from './resolve-handler.ts';
import { routeByPrefix } from './route-by-prefix.ts';

/** The in-process origin of the simulated estate. `.test` is reserved (RFC 2606): it can never resolve. */
export const ESTATE_ORIGIN = 'https://estate.phi-drill.test';

export type EstateFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Requests built for the estate alone (by the loopback server), which dispatch may mark in place. */
const handedOver = new WeakSet<Request>();

/**
 * Gives `request` to the estate: dispatch then sets its request id on it directly instead of
 * copying it first, as it must for a caller's own Request, which may be sent again.
 */
export function handOver(request: Request): Request {
  handedOver.add(request);
  return request;
}

/**
 * Sends a request through the estate's msw handlers without touching the network or patching the
 * global fetch. Every request gets a request id (kept if the caller set one) so telemetry, audit
 * records and the drill's own ground truth can be joined on it; the response echoes it.
 */
export function createDispatch(
  handlers: () => readonly RequestHandler[],
  context: EstateContext,
  origin: string = ESTATE_ORIGIN,
): EstateFetch {
  const routers = new WeakMap<readonly RequestHandler[], ReturnType<typeof routeByPrefix>>();
  const candidates = (pathname: string) => {
    const all = handlers();
    let router = routers.get(all);
    if (!router) {
      router = routeByPrefix(all);
      routers.set(all, router);
    }
    return router(pathname);
  };
  return async (input, init) => {
    // A path is resolved against the estate's origin once, and that URL routes the request: the
    // Request's own `url` is the same URL serialised, which would only be parsed again.
    const resolved = typeof input === 'string' && input.startsWith('/') ? new URL(input, origin) : undefined;
    const request =
      input instanceof Request && init === undefined && handedOver.has(input)
        ? input
        : new Request(resolved ?? input, init);
    let requestId = request.headers.get(REQUEST_ID_HEADER);
    if (requestId === null) {
      requestId = context.nextId('req');
      request.headers.set(REQUEST_ID_HEADER, requestId);
    }
    const url = resolved ?? new URL(request.url);
    const response =
      (await resolveHandlers(candidates(url.pathname), request, { baseUrl: origin, requestId, url })) ??
      Response.json(
        [{ errorCode: 'NOT_FOUND', message: `no estate endpoint for ${request.method} ${request.url}` }],
        {
          status: 404,
        },
      );
    return withRequestId(response, requestId);
  };
}

/**
 * The response with the request id echoed. A handler's own Response has mutable headers, so it is
 * marked in place; only one whose headers are frozen (`Response.redirect`, `Response.error`) is
 * copied into a new Response first.
 */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const echoed = new Response(response.body, response);
    echoed.headers.set(REQUEST_ID_HEADER, requestId);
    return echoed;
  }
}
