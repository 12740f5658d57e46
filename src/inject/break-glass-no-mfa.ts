import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { CORRELATION_HEADER } from '../estate/caller.ts';
import { workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const CLINIC_BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * The EHR's emergency override is configured without its safeguards: no second factor, no reason, and
 * the elevated token is not cut off at the end of its time box. A clinician breaks the glass late in
 * the evening with neither, then browses charts that are not on their list, one every couple of
 * minutes, well past the time box.
 */
export const breakGlassNoMfa = defineInjector({
  id: 'break-glass-no-mfa',
  summary:
    'Break-glass override granted without MFA or a reason; the elevated token outlives its time box while charts are browsed',
  attack: ['T1078', 'T1548'],
  hipaa: ['164.312(d)', '164.312(a)(2)(ii)', '164.308(a)(4)', '164.502(b)', '164.312(b)'],
  dossier: {
    dossier: 'lawsuit-preparation',
    failure: 'Emergency override functions bypassing multi-factor authentication during crisis scenarios',
  },
  detection:
    'fhir.break-glass with mfa=false or an empty justification; any use of the elevated session after its time box',
  params: z.strictObject({
    clinician: z.int().min(0).max(3).default(1).describe('Which seeded clinician breaks the glass'),
    charts: z.int().min(1).max(500).default(40).describe('Charts browsed under the override'),
    chartIntervalSeconds: z.int().min(10).max(3600).default(120).describe('Pause between charts'),
    timeBox: z
      .string()
      .refine((text) => parseDuration(text) !== undefined, 'a duration like 1h')
      .default('1h')
      .describe('The time box the override is granted for (and not held to)'),
  }),
  conditions: ['elevated-token-revoked'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    const { state } = estate.ehr;
    const saved = { ...state.config.breakGlass };
    Object.assign(state.config.breakGlass, {
      requireMfa: false,
      requireJustification: false,
      enforceTimeBox: false,
      timeBoxMs: parseDuration(params.timeBox)!,
    });
    const clinician = estate.credentials.ehr.clinicians[params.clinician]!;
    const device = {
      'x-forwarded-for': workstationIp(clinician.seat),
      'user-agent': CLINIC_BROWSER,
      [CORRELATION_HEADER]: correlationId,
    };
    const signIn = await fetch('/fhir/R4/auth/token', {
      method: 'POST',
      headers: { ...device, ...FORM },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clinician.clientId,
        client_secret: clinician.clientSecret,
        scope: 'user/Patient.rs user/Condition.rs',
      }),
    });
    if (!signIn.ok) throw new Error(`clinician sign-in failed (HTTP ${signIn.status})`);
    const { access_token: ordinary } = (await signIn.json()) as { access_token: string };
    const override = await fetch('/fhir/R4/$break-glass', {
      method: 'POST',
      headers: { ...device, ...FORM, authorization: `Bearer ${ordinary}` },
      body: new URLSearchParams({ reason: '' }),
    });
    if (!override.ok) throw new Error(`break-glass refused (HTTP ${override.status})`);
    const { access_token: elevated } = (await override.json()) as { access_token: string };
    const auth = { ...device, authorization: `Bearer ${elevated}` };
    for (let chart = 0; chart < params.charts; chart++) {
      // Spread across the population, as browsing by curiosity is, rather than one clinic's list.
      const patient = estate.population.patient((chart * 37 + 11) % estate.population.count);
      later(
        60_000 + chart * params.chartIntervalSeconds * 1000,
        'break-glass-no-mfa: open chart',
        async () => {
          const read = await fetch(`/fhir/R4/Patient/${patient.id}`, { headers: auth });
          if (read.status !== 200) return;
          exposed([patient.id]);
          await fetch(`/fhir/R4/Condition?patient=${patient.id}`, { headers: auth });
        },
      );
    }
    return {
      probes: { 'elevated-token-revoked': () => state.tokens.get(elevated)?.revokedAt !== undefined },
      revert() {
        Object.assign(state.config.breakGlass, saved);
      },
    };
  },
});
