import { passwordGrant, requestToken } from '../../src/estate/token-request.ts';
import type { ServeInfo } from './serve-in-process.ts';

/** An access token for the CRM front-desk user `phi-drill serve --json` printed, through its console app. */
export async function crmUserToken(info: ServeInfo): Promise<string> {
  const granted = await requestToken(
    fetch,
    `${info.salesforce.loginUrl}/services/oauth2/token`,
    passwordGrant(info.salesforceApp, info.salesforceUser),
    {},
  );
  const { access_token: token } = (await granted.json()) as { access_token?: string };
  if (!token)
    throw new Error(`the CRM refused ${info.salesforceUser.username} a token (HTTP ${granted.status})`);
  return token;
}
