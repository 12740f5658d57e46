import type { AppCredentials } from '../credentials.ts';
import type { EstateFetch } from '../dispatch.ts';
import { SYNC_SERVER_IP, SYNC_USER_AGENT } from './sync-telemetry.ts';

/**
 * The integration's CRM session: an OAuth client-credentials login from the integration server,
 * repeated only when the session has lapsed or been revoked. The secret is read at each login, so a
 * rotated secret (written back to `app`, the org's vault entry) is picked up by the next one.
 */
export function createSyncLogin(options: {
  fetch: EstateFetch;
  app: AppCredentials;
  /** Whether the CRM still honours a token (the client learns it from a 401 in practice). */
  active(token: string): boolean;
}): () => Promise<string> {
  let token = '';
  return async () => {
    if (token && options.active(token)) return token;
    const response = await options.fetch('/services/oauth2/token', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': SYNC_USER_AGENT,
        'x-forwarded-for': SYNC_SERVER_IP,
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.app.clientId,
        client_secret: options.app.clientSecret,
        scope: 'api',
      }),
    });
    if (!response.ok) throw new Error(`CRM login failed: HTTP ${response.status}`);
    token = ((await response.json()) as { access_token: string }).access_token;
    return token;
  };
}
