import { describe, expect, it } from 'vitest';
import { smartScopePolicy } from '../../src/controls/smart-scope-policy.ts';
import { controlRig } from './control-rig.ts';

interface TokenBody {
  access_token: string;
  refresh_token?: string;
}

async function rig() {
  const r = controlRig(smartScopePolicy);
  const { estate, form } = r;
  const grant = async (clientId: string, secret: string, scope: string) => {
    const response = await estate.fetch(
      '/fhir/R4/auth/token',
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope }),
    );
    expect(response.status).toBe(200);
    return (await response.json()) as TokenBody;
  };
  const app = estate.credentials.ehr.reminders;
  const appGrant = (scope: string) => grant(app.clientId, app.clientSecret, scope);
  const search = (path: string, token: string) =>
    estate.fetch(path, { headers: { authorization: `Bearer ${token}` } });
  return { ...r, app, grant, appGrant, search };
}

describe('SMART scope policy', () => {
  it('stays silent while the app holds and reads within its approved scopes and budget', async () => {
    const { appGrant, search, signals } = await rig();
    const { access_token } = await appGrant('patient/Appointment.rs');
    expect((await search('/fhir/R4/Appointment?_count=50', access_token)).status).toBe(200);
    expect(signals).toEqual([]);
  });

  it('raises a grant beyond the approved scopes at authorisation, with each over-broad trait, and leaves it standing', async () => {
    const { appGrant, search, signals, estate, app } = await rig();
    estate.ehr.state.clients.get(app.clientId)!.scopes = ['user/*.cruds', 'offline_access'];
    const { access_token } = await appGrant('user/*.cruds offline_access');
    expect(signals).toEqual([
      expect.objectContaining({
        rule: 'scope-policy-violation',
        severity: 'high',
        summary: expect.stringMatching(/wildcard.*write verbs.*user\/ context.*offline_access/),
      }),
    ]);
    expect((await search('/fhir/R4/Patient?_count=10', access_token)).status).toBe(200);
  });

  it('raises a bulk read past the hourly budget and revokes the access and refresh tokens', async () => {
    const { appGrant, search, signals, estate, app, form } = await rig();
    estate.ehr.state.clients.get(app.clientId)!.scopes = ['user/*.cruds', 'offline_access'];
    const { access_token, refresh_token } = await appGrant('user/*.cruds offline_access');
    for (let page = 0; page < 4; page++) await search('/fhir/R4/Patient?_count=200', access_token);
    expect(signals.at(-1)).toMatchObject({ rule: 'bulk-read-by-app', severity: 'high' });
    expect(signals.at(-1)?.patientIds).toHaveLength(estate.population.count);
    expect((await search('/fhir/R4/Patient?_count=10', access_token)).status).toBe(401);
    const refreshed = await estate.fetch(
      '/fhir/R4/auth/token',
      form({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        refresh_token: refresh_token!,
      }),
    );
    expect(refreshed.status).toBe(400);
  });

  it('leaves clients outside the policy (clinician workstations) to role-based access', async () => {
    const { grant, search, signals, estate } = await rig();
    const clinician = estate.credentials.ehr.clinicians[0]!;
    const { access_token } = await grant(clinician.clientId, clinician.clientSecret, 'user/Patient.rs');
    for (let page = 0; page < 5; page++) await search('/fhir/R4/Patient?_count=200', access_token);
    expect(signals).toEqual([]);
  });
});
