import type { RequestHandler } from 'msw';

const ANY = '\u0000any';

/**
 * First literal path segment a handler can match (`'*\/fhir/R4/Patient/:id'` → `fhir`), or ANY when
 * it starts with a parameter, a wildcard or a predicate function. Lower-cased: msw matches paths
 * case-insensitively.
 */
function firstSegment(handler: RequestHandler): string {
  const path = (handler.info as { path?: unknown }).path;
  if (typeof path !== 'string') return ANY;
  const segment = path
    .replace(/^[a-z]+:\/\/[^/]*/i, '')
    .replace(/^\*/, '')
    .split('/')
    .find(Boolean);
  return !segment || /[:*(]/.test(segment) ? ANY : segment.toLowerCase();
}

/**
 * Keeps, in their original order, only the handlers whose path could match a request's first
 * segment. msw tries every handler in turn; with a hundred of them across six systems, most of
 * the cost of a request was handlers of other systems saying no.
 */
export function routeByPrefix(handlers: readonly RequestHandler[]): (pathname: string) => RequestHandler[] {
  const segments = handlers.map(firstSegment);
  const cache = new Map<string, RequestHandler[]>();
  return (pathname) => {
    const first = (pathname.split('/').find(Boolean) ?? '').toLowerCase();
    let routed = cache.get(first);
    if (!routed) {
      routed = handlers.filter((_, index) => segments[index] === first || segments[index] === ANY);
      cache.set(first, routed);
    }
    return routed;
  };
}
