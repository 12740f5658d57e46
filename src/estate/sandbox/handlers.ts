import { http, type RequestHandler } from 'msw';
import { administratorOf, adminRefusal } from '../admin-auth.ts';
import { bearerOf, callerOf } from '../caller.ts';
import { SoqlError } from '../crm/soql/lexer.ts';
import type { CrmState } from '../crm/state.ts';
import { jsonResponse } from '../string-response.ts';
import type { SandboxState } from './state.ts';

export const SANDBOX_SUSPEND_PATH = '/sandbox/admin/:name/suspend';

const sfError = (status: number, errorCode: string, message: string) =>
  jsonResponse([{ message, errorCode }], { status });

/**
 * Each sandbox's own API, under `/sandbox/{name}` (a sandbox is an org of its own, at its own
 * instance URL): the OAuth password grant and `GET services/data/vXX.X/query`. And the production
 * org's console action a SOAR calls to contain a sandbox: `POST /sandbox/admin/{name}/suspend`, as
 * the responder administrator, which ends every session in it and refuses sign-ins.
 */
export function sandboxHandlers(sandboxes: SandboxState, crm: CrmState): RequestHandler[] {
  return [
    http.post(`*${SANDBOX_SUSPEND_PATH}`, ({ request, params }) => {
      const admin = administratorOf(request, crm, 'suspending sandbox access');
      if (typeof admin !== 'string') return admin;
      const name = String(params.name);
      if (!sandboxes.get(name)) return adminRefusal(404, `no sandbox named ${name}`);
      const caller = callerOf(request);
      const suspended = sandboxes.suspendAccess(name, { id: admin, type: 'responder', name: admin }, caller);
      return jsonResponse({ sandbox: name, accessSuspended: true, changed: suspended });
    }),
    http.post('*/sandbox/:name/services/oauth2/token', async ({ request, params }) => {
      const name = String(params.name);
      if (!sandboxes.get(name)) return jsonResponse({ error: 'not_found' }, { status: 404 });
      const form = new URLSearchParams(await request.text());
      if (form.get('grant_type') !== 'password') {
        return jsonResponse(
          { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
          { status: 400 },
        );
      }
      const token = sandboxes.login(
        name,
        form.get('username') ?? '',
        form.get('password') ?? '',
        callerOf(request),
      );
      if (!token) {
        return jsonResponse(
          { error: 'invalid_grant', error_description: 'authentication failure' },
          { status: 400 },
        );
      }
      return jsonResponse({
        access_token: token,
        token_type: 'Bearer',
        instance_url: `/sandbox/${name}`,
      });
    }),
    http.get('*/sandbox/:name/services/data/:version/query', ({ request, params }) => {
      const name = String(params.name);
      if (!sandboxes.get(name)) return sfError(404, 'NOT_FOUND', `no sandbox named ${name}`);
      const user = sandboxes.sessionOf(name, bearerOf(request));
      if (!user) return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      const soql = new URL(request.url).searchParams.get('q');
      if (!soql) return sfError(400, 'MALFORMED_QUERY', 'A query string is required in the q parameter');
      try {
        const records = sandboxes.query(name, user, soql, callerOf(request));
        return jsonResponse({ totalSize: records.length, done: true, records });
      } catch (error) {
        if (error instanceof SoqlError) return sfError(400, error.errorCode, error.message);
        return sfError(400, 'INVALID_TYPE', (error as Error).message);
      }
    }),
  ];
}
