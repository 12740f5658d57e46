import { z } from 'zod';
import { CORRELATION_HEADER } from '../estate/caller.ts';
import { documentationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const BROAD_SCOPES = 'user/*.cruds offline_access';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface TokenBody {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
}

/**
 * A vendor update of the appointment-reminder SMART app asks for `user/*.cruds offline_access` where
 * `patient/Appointment.rs` would do, and the EHR's registration of the app was widened to match, so the
 * request is granted in full, with a refresh token. From the vendor's cloud the app then pages through
 * every Patient, refreshing its access token as it expires.
 */
export const overscopedSmartApp = defineInjector({
  id: 'overscoped-smart-app',
  summary:
    'SMART app granted `user/*.cruds offline_access` instead of `patient/Appointment.rs`, then reads every Patient',
  attack: ['T1550.001', 'T1213'],
  hipaa: ['164.502(b)', '164.514(d)', '164.308(a)(4)', '164.312(a)(1)', '164.312(b)'],
  dossier: {
    dossier: 'lawsuit-preparation',
    failure: 'Third-party app integrations using OAuth scopes that exceed minimum necessary permissions',
  },
  detection:
    'fhir.token grant whose scopes exceed its approved scopes (wildcard, write verbs, offline_access, user/ context); bulk reads by the app',
  params: z.strictObject({
    pageSize: z.int().min(10).max(200).default(50).describe('Patients per search page (_count)'),
    pages: z.int().min(1).max(1000).default(10).describe('Pages the app reads'),
    pageIntervalSeconds: z.int().min(1).max(3600).default(30).describe('Pause between pages'),
  }),
  conditions: ['token-revoked'],
  async apply({ estate, clock, fetch, later, exposed, correlationId }, params) {
    const { state } = estate.ehr;
    const app = estate.credentials.ehr.reminders;
    const client = state.clients.get(app.clientId);
    if (!client) throw new Error(`the EHR has no client registration for ${app.name}`);
    const registered = client.scopes;
    client.scopes = BROAD_SCOPES.split(' ');
    const headers = {
      'x-forwarded-for': documentationIp(1, 58),
      'user-agent': 'ApptReminders/2.0 (SMART; +https://reminders.example.com)',
      [CORRELATION_HEADER]: correlationId,
    };
    const tokenRequest = async (form: Record<string, string>) => {
      const response = await fetch('/fhir/R4/auth/token', {
        method: 'POST',
        headers: { ...headers, ...FORM },
        body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, ...form }),
      });
      return response.ok ? ((await response.json()) as TokenBody) : undefined;
    };
    const first = await tokenRequest({ grant_type: 'client_credentials', scope: BROAD_SCOPES });
    if (!first?.refresh_token) throw new Error('the app was not granted offline_access');
    const refreshToken = first.refresh_token;
    const held: string[] = [first.access_token];
    let current = { token: first.access_token, expiresAt: clock.now() + first.expires_in * 1000 };

    // The app refreshes a lapsed token as any offline_access client does; a refused refresh ends the pull.
    const bearer = async () => {
      if (clock.now() < current.expiresAt - 30_000) return current.token;
      const renewed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
      if (!renewed) return undefined;
      held.push(renewed.access_token);
      current = { token: renewed.access_token, expiresAt: clock.now() + renewed.expires_in * 1000 };
      return current.token;
    };
    const pull = async (url: string, page: number) => {
      const token = await bearer();
      if (!token) return;
      const response = await fetch(url, { headers: { ...headers, authorization: `Bearer ${token}` } });
      if (response.status !== 200) return;
      const bundle = (await response.json()) as {
        entry?: Array<{ resource: { id: string } }>;
        link?: Array<{ relation: string; url: string }>;
      };
      exposed((bundle.entry ?? []).map((entry) => entry.resource.id));
      const next = bundle.link?.find((link) => link.relation === 'next')?.url;
      if (next && page + 1 < params.pages) {
        later(params.pageIntervalSeconds * 1000, 'overscoped-smart-app: next page', () =>
          pull(next, page + 1),
        );
      }
    };
    await pull(`/fhir/R4/Patient?_count=${params.pageSize}`, 0);
    const dead = (token: string) => {
      const issued = state.tokens.get(token);
      return !issued || issued.revokedAt !== undefined || issued.expiresAt <= clock.now();
    };
    return {
      probes: {
        'token-revoked': () =>
          state.refreshTokens.get(refreshToken)?.revokedAt !== undefined && held.every(dead),
      },
      revert() {
        client.scopes = registered;
      },
    };
  },
});
