import type { Estate } from '../../src/estate/estate.ts';

/**
 * A CRM user's access token from the console app's password grant: how a SOAR signs in before it
 * calls the estate's administrator consoles, which all accept CRM tokens.
 */
export async function crmToken(
  estate: Estate,
  user: { username: string; password: string },
): Promise<string> {
  const { consoleApp } = estate.credentials.crm;
  const response = await estate.fetch('/services/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: consoleApp.clientId,
      client_secret: consoleApp.clientSecret,
      username: user.username,
      password: user.password,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The Authorization header for a bearer token, or no header when the caller sends none. */
export function bearer(token?: string): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/** A call to an administrator console with the caller's token, if any, and the body as given. */
export function callConsole(
  estate: Estate,
  method: string,
  url: string,
  token?: string,
  body?: string,
): Promise<Response> {
  return estate.fetch(url, { method, headers: bearer(token), ...(body === undefined ? {} : { body }) });
}
