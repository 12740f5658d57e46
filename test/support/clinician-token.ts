import type { Estate } from '../../src/estate/estate.ts';

/** A SMART backend-services token for the estate's first clinician app, taken through `estate.fetch`. */
export async function clinicianToken(estate: Estate, scope = 'user/Patient.rs'): Promise<string> {
  const clinician = estate.credentials.ehr.clinicians[0]!;
  const granted = await estate.fetch('/fhir/R4/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clinician.clientId,
      client_secret: clinician.clientSecret,
      scope,
    }),
  });
  const { access_token: token } = (await granted.json()) as { access_token?: string };
  if (!token) throw new Error(`the estate refused its clinician app a token (HTTP ${granted.status})`);
  return token;
}
