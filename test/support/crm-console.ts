import type { UserCredentials } from '../../src/estate/credentials.ts';
import type { Estate } from '../../src/estate/estate.ts';
import { passwordGrant, requestToken } from '../../src/estate/token-request.ts';

/**
 * A CRM user's access token from the console app's password grant: how a SOAR signs in before it
 * calls the estate's administrator consoles, which all accept CRM tokens.
 */
export async function crmToken(estate: Estate, user: UserCredentials): Promise<string> {
  const grant = passwordGrant(estate.credentials.crm.consoleApp, user);
  const response = await requestToken(estate.fetch, '/services/oauth2/token', grant, {});
  // A failed sign-in would otherwise pass as a missing token and read as the console's own 401.
  if (!response.ok)
    throw new Error(`${user.username} could not sign in: ${response.status} ${await response.text()}`);
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
