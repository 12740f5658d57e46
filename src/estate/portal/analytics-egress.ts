import { HttpResponse, http, type RequestHandler } from 'msw';
import { callerOf } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import type { PortalState } from './types.ts';

/** The third-party analytics vendor the portal's marketing tag reports to (RFC 2606: never resolves). */
export const ANALYTICS_HOST = 'analytics.example.net';
const MEASUREMENT_ID = 'G-PORTAL';

/** The tag as pages embed it; a browser that finds it on a page sends a page-view hit. */
export const ANALYTICS_TAG = `<script async src="https://${ANALYTICS_HOST}/tag.js" data-measurement-id="${MEASUREMENT_ID}"></script>`;

/** The hit the tag sends: like real analytics tags it copies the whole page address into `dl`. */
export function analyticsHitUrl(pageUrl: string): string {
  const query = new URLSearchParams({ v: '2', tid: MEASUREMENT_ID, en: 'page_view', dl: pageUrl });
  return `https://${ANALYTICS_HOST}/g/collect?${query}`;
}

/**
 * What leaves for the analytics host, as the estate's egress record (a server-side tag gateway or web
 * proxy log) keeps it: destination, hit and Referer. Nothing goes further; the host is answered here.
 */
export function analyticsEgress(ctx: EstateContext, state: PortalState): RequestHandler {
  return http.get(`https://${ANALYTICS_HOST}/*`, ({ request }) => {
    const caller = callerOf(request);
    const url = new URL(request.url);
    const referer = request.headers.get('referer') ?? undefined;
    const uri = url.pathname + url.search;
    state.egressLog.push({
      time: ctx.clock.now(),
      requestId: caller.requestId,
      host: url.host,
      uri,
      ...(referer === undefined ? {} : { referer }),
      sourceIp: caller.sourceIp,
      ...(caller.userAgent === undefined ? {} : { userAgent: caller.userAgent }),
    });
    ctx.bus.emit({
      system: 'portal',
      action: 'portal.egress',
      actor: { id: 'anonymous', type: 'anonymous' },
      sourceIp: caller.sourceIp,
      userAgent: caller.userAgent,
      requestId: caller.requestId,
      method: request.method,
      uri,
      status: 204,
      resource: { type: 'AnalyticsHit', id: url.host },
      patientIds: [],
      fields: [],
      outcome: 'success',
      detail: { destinationHost: url.host, ...(referer === undefined ? {} : { referer }) },
    });
    if (url.pathname === '/tag.js') {
      return new HttpResponse(TAG_SCRIPT, { status: 200, headers: { 'content-type': 'text/javascript' } });
    }
    return new HttpResponse(null, { status: 204 });
  });
}

/** What the tag does in a real browser: report the page view with the full page address, as real tags do. */
const TAG_SCRIPT = `(function(){var q=new URLSearchParams({v:'2',tid:'${MEASUREMENT_ID}',en:'page_view',dl:location.href});
fetch('https://${ANALYTICS_HOST}/g/collect?'+q.toString(),{mode:'no-cors',keepalive:true});})();`;
