import type { EstateFetch } from '../../src/estate/dispatch.ts';
import type { Estate } from '../../src/estate/estate.ts';

/** A SMART backend-services token (client credentials) for `client`, from the EHR's token endpoint. */
async function smartToken(
  fetchWith: EstateFetch,
  tokenUrl: string,
  client: { clientId: string; clientSecret: string },
  scope: string,
): Promise<string> {
  const granted = await fetchWith(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope,
    }),
  });
  const { access_token: token } = (await granted.json()) as { access_token?: string };
  if (!token) throw new Error(`the EHR refused ${client.clientId} a token (HTTP ${granted.status})`);
  return token;
}

/** A token for the estate's first clinician app, taken in process through `estate.fetch`. */
export function clinicianToken(estate: Estate, scope = 'user/Patient.rs'): Promise<string> {
  return smartToken(estate.fetch, '/fhir/R4/auth/token', estate.credentials.ehr.clinicians[0]!, scope);
}

/** A token for the FHIR client `phi-drill serve --json` printed, taken over loopback. */
export function fhirClientToken(
  info: { fhirClient: { clientId: string; clientSecret: string; tokenUrl: string } },
  scope = 'user/Patient.rs',
): Promise<string> {
  return smartToken(fetch, info.fhirClient.tokenUrl, info.fhirClient, scope);
}
