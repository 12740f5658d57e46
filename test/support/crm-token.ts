import type { ServeInfo } from './serve-in-process.ts';

/** An access token for the CRM front-desk user `phi-drill serve --json` printed, through its console app. */
export async function crmUserToken(info: ServeInfo): Promise<string> {
  const granted = await fetch(`${info.salesforce.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: info.salesforceApp.clientId,
      client_secret: info.salesforceApp.clientSecret,
      username: info.salesforceUser.username,
      password: info.salesforceUser.password,
    }),
  });
  const { access_token: token } = (await granted.json()) as { access_token?: string };
  if (!token)
    throw new Error(`the CRM refused ${info.salesforceUser.username} a token (HTTP ${granted.status})`);
  return token;
}
