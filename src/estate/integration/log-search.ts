import { type HttpHandler, http } from 'msw';
import { callerOf } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { type AppLog, isLogLevel } from './app-log.ts';
import { LOG_SEARCH_PATH, SSO_USER_HEADER } from './endpoints.ts';

/**
 * `GET /logs/api/search?logger=…&level=…&limit=…`: the log platform's search API. The user comes from
 * the SSO proxy, their group from the directory, and the ACL decides; every search is telemetry and,
 * while the platform's audit is on, a search-audit record.
 */
export function logSearchHandler(ctx: EstateContext, log: AppLog): HttpHandler {
  return http.get(`*${LOG_SEARCH_PATH}`, ({ request }) => {
    const caller = callerOf(request);
    const url = new URL(request.url);
    const logger = url.searchParams.get('logger') ?? '';
    const level = url.searchParams.get('level') ?? 'info';
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 500);
    const reader = log.reader(request.headers.get(SSO_USER_HEADER) ?? '');
    let status = 200;
    let body: unknown;
    let hits = 0;
    if (!reader) {
      status = 401;
      body = { error: 'unauthenticated', message: 'sign in through the SSO proxy' };
    } else if (!logger || !isLogLevel(level)) {
      status = 400;
      body = { error: 'bad_request', message: 'logger and a level (debug, info, warn, error) are required' };
    } else if (!log.config.readers.includes(reader.group)) {
      status = 403;
      body = { error: 'forbidden', message: `group ${reader.group} may not search ${logger}` };
    } else {
      const found = log.search({ logger, minLevel: level, limit });
      hits = found.length;
      body = { hits: found };
    }
    const query = url.search.slice(1);
    ctx.bus.emit({
      system: 'logs',
      action: 'applog.search',
      actor: reader
        ? { id: reader.username, type: 'engineer', name: reader.name }
        : { id: 'anonymous', type: 'anonymous' },
      sourceIp: caller.sourceIp,
      userAgent: caller.userAgent,
      requestId: caller.requestId,
      correlationId: caller.correlationId,
      method: 'GET',
      uri: url.pathname + url.search,
      status,
      resource: { type: 'AppLog', id: logger },
      patientIds: [],
      fields: [],
      rows: hits,
      outcome: status === 200 ? 'success' : status === 401 || status === 403 ? 'denied' : 'failure',
      detail: { group: reader?.group ?? '', query },
    });
    log.recordSearch({
      time: ctx.clock.now(),
      requestId: caller.requestId,
      user: reader?.username ?? '',
      group: reader?.group ?? '',
      sourceIp: caller.sourceIp,
      query,
      status,
      hits,
    });
    return Response.json(body, { status });
  });
}
