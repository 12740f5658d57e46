import { randomBytes } from 'node:crypto';
import { type HttpHandler, http } from 'msw';
import { hasPermission } from './auth.ts';
import { insufficientAccess, notFound } from './errors.ts';
import { type ApiCall, apiRoute } from './rest-route.ts';
import type { CrmState } from './state.ts';

const CREDENTIALS = '*/services/data/:version/apps/oauth/credentials';

function requireAdmin(call: ApiCall): void {
  if (!hasPermission(call.session.user, 'ModifyAllData'))
    throw insufficientAccess('Managing connected app credentials requires the Manage Users permission');
}

/**
 * The OAuth credentials endpoint of the REST API, as a SOAR calls it: `GET …/apps/oauth/credentials`
 * lists each connected app's id, name and consumer key (never a secret), and
 * `POST …/apps/oauth/credentials/{appId}/rotate` gives the app a new consumer secret in one step
 * (Salesforce stages the new secret first; a responder locking out a leaked one wants both at once).
 * The old secret stops working at once; `stored` puts the new one where the org's own integrations
 * read it (their vault), and the answer carries it to the caller.
 */
export function appCredentialHandlers(
  state: CrmState,
  stored: (clientId: string, secret: string) => void,
): HttpHandler[] {
  return [
    http.get(
      CREDENTIALS,
      apiRoute(state, 'sf.connectedapp.list', (call) => {
        requireAdmin(call);
        const apps = [...state.auth.apps.values()].map((app) => ({
          appId: app.id,
          name: app.name,
          consumerKey: app.clientId,
        }));
        call.meta.entity = 'ConnectedApplication';
        call.meta.rows = apps.length;
        return { status: 200, body: { apps } };
      }),
    ),
    http.post(
      `${CREDENTIALS}/:appId/rotate`,
      apiRoute(state, 'sf.connectedapp.secret-reset', (call) => {
        call.meta.entity = 'ConnectedApplication';
        call.meta.resourceId = call.params.appId;
        requireAdmin(call);
        const app = state.auth.apps.get(call.params.appId!);
        if (!app) throw notFound(`No connected app with id ${call.params.appId}`);
        app.clientSecret = randomBytes(18).toString('base64url');
        stored(app.clientId, app.clientSecret);
        call.meta.rows = 1;
        call.meta.detail = { app: app.name };
        return {
          status: 200,
          body: { appId: app.id, consumerKey: app.clientId, consumerSecret: app.clientSecret },
        };
      }),
    ),
  ];
}
