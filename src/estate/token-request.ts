import type { AppCredentials, UserCredentials } from './credentials.ts';
import type { EstateFetch } from './dispatch.ts';

/**
 * Posts an OAuth token request as a form, with the caller's own headers (its address and user
 * agent), so the sign-in is logged against that caller as a real client's would be.
 */
export function requestToken(
  fetch: EstateFetch,
  endpoint: string,
  form: Record<string, string>,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    // The encoded string: the same bytes as a URLSearchParams body, without the stream undici builds for one.
    body: new URLSearchParams(form).toString(),
  });
}

/** The form of an OAuth password grant for a user through a connected app (seeded, or as `serve` prints them). */
export function passwordGrant(
  app: Pick<AppCredentials, 'clientId' | 'clientSecret'>,
  user: Pick<UserCredentials, 'username' | 'password'>,
  scope?: string,
): Record<string, string> {
  return {
    grant_type: 'password',
    client_id: app.clientId,
    client_secret: app.clientSecret,
    username: user.username,
    password: user.password,
    ...(scope ? { scope } : {}),
  };
}
