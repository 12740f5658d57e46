import { type HttpHandler, http } from 'msw';
import { updateFieldPermissionsRoute } from './field-permissions.ts';
import { tokenHandler } from './oauth.ts';
import {
  identityHandler,
  openIdConfigurationHandler,
  revokeHandler,
  userInfoHandler,
} from './oauth-endpoints.ts';
import { deleteOauthTokenRoute } from './oauth-token-object.ts';
import {
  basicInfoRoute,
  describeRoute,
  globalDescribeRoute,
  resourcesRoute,
  versionsHandlers,
} from './rest-describe.ts';
import { logFileRoute } from './rest-elf.ts';
import { limitsRoute } from './rest-limits.ts';
import { queryMoreRoute, queryRoute } from './rest-query.ts';
import { reportExportHandler, reportRunRoute } from './rest-reports.ts';
import { apiRoute } from './rest-route.ts';
import { createRoute, deleteRoute, retrieveRoute, updateRoute, upsertRoute } from './rest-sobjects.ts';
import type { CrmState } from './state.ts';

const DATA = '*/services/data/:version';

/** Every CRM endpoint as msw handlers; more specific paths come first, since the first match wins. */
export function crmHandlers(state: CrmState): HttpHandler[] {
  const route = (action: string, fn: Parameters<typeof apiRoute>[2]) => apiRoute(state, action, fn);
  return [
    tokenHandler(state),
    revokeHandler(state),
    userInfoHandler(state),
    openIdConfigurationHandler(state),
    identityHandler(state),
    ...versionsHandlers(state),
    http.get(`${DATA}/query`, route('sf.query', queryRoute(false))),
    http.get(`${DATA}/queryAll`, route('sf.query', queryRoute(true))),
    http.get(`${DATA}/query/:locator`, route('sf.query', queryMoreRoute)),
    http.get(`${DATA}/queryAll/:locator`, route('sf.query', queryMoreRoute)),
    http.get(`${DATA}/sobjects`, route('sf.describe', globalDescribeRoute)),
    http.get(`${DATA}/sobjects/:object/describe`, route('sf.describe', describeRoute)),
    http.get(`${DATA}/sobjects/EventLogFile/:id/LogFile`, route('sf.elf.download', logFileRoute)),
    http.get(`${DATA}/sobjects/:object/:id`, route('sf.retrieve', retrieveRoute)),
    http.get(`${DATA}/sobjects/:object`, route('sf.describe', basicInfoRoute)),
    http.post(`${DATA}/sobjects/:object`, route('sf.create', createRoute)),
    http.patch(`${DATA}/sobjects/FieldPermissions/:id`, route('sf.update', updateFieldPermissionsRoute)),
    http.patch(`${DATA}/sobjects/:object/:field/:value`, route('sf.upsert', upsertRoute)),
    http.patch(`${DATA}/sobjects/:object/:id`, route('sf.update', updateRoute)),
    http.delete(`${DATA}/sobjects/OauthToken/:id`, route('sf.delete', deleteOauthTokenRoute)),
    http.delete(`${DATA}/sobjects/:object/:id`, route('sf.delete', deleteRoute)),
    http.get(`${DATA}/limits`, route('sf.limits', limitsRoute)),
    http.get(`${DATA}/analytics/reports/:reportId`, route('sf.report.run', reportRunRoute)),
    http.get(DATA, route('sf.resources', resourcesRoute)),
    reportExportHandler(state),
  ];
}
