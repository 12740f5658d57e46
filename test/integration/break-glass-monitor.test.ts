import { describe, expect, it } from 'vitest';
import { breakGlassMonitor } from '../../src/controls/break-glass-monitor.ts';
import { mfaCode } from '../../src/estate/ehr/break-glass-policy.ts';
import { controlRig } from './control-rig.ts';

const HOUR = 3_600_000;

async function rig(leaky: boolean) {
  const r = controlRig(breakGlassMonitor);
  const { estate, form, clock } = r;
  if (leaky) {
    Object.assign(estate.ehr.state.config.breakGlass, {
      requireMfa: false,
      requireJustification: false,
      enforceTimeBox: false,
    });
  }
  const clinician = estate.credentials.ehr.clinicians[0]!;
  const signIn = await estate.fetch(
    '/fhir/R4/auth/token',
    form({
      grant_type: 'client_credentials',
      client_id: clinician.clientId,
      client_secret: clinician.clientSecret,
      scope: 'user/Patient.rs',
    }),
  );
  const ordinary = ((await signIn.json()) as { access_token: string }).access_token;
  const patient = estate.population.patient(4).id;
  const read = (token: string) =>
    estate.fetch(`/fhir/R4/Patient/${patient}`, { headers: { authorization: `Bearer ${token}` } });
  const override = async (evidence: Record<string, string>) => {
    const response = await estate.fetch(
      '/fhir/R4/$break-glass',
      form(evidence, { authorization: `Bearer ${ordinary}` }),
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const mfa = () => mfaCode(clinician.clientSecret, clock.now());
  return { ...r, ordinary, read, override, mfa };
}

describe('break-glass monitor', () => {
  it('queues a verified override for review at medium and lets it lapse at its time box unflagged', async () => {
    const { override, mfa, read, signals, later, instance } = await rig(false);
    const elevated = await override({ reason: 'trauma call, bay 3', mfa: mfa() });
    expect((await read(elevated)).status).toBe(200);
    expect(signals.map((s) => [s.rule, s.severity])).toEqual([['break-glass-used', 'medium']]);
    await later(HOUR + 60_000);
    instance.onScan!();
    expect((await read(elevated)).status).toBe(401);
    expect(signals).toHaveLength(1);
  });

  it('raises an override without MFA or a reason high at once, without cutting it off', async () => {
    const { override, read, signals } = await rig(true);
    const elevated = await override({ reason: '' });
    expect(signals).toEqual([
      expect.objectContaining({
        rule: 'break-glass-unverified',
        severity: 'high',
        summary: expect.stringContaining('without MFA evidence or a justification'),
      }),
    ]);
    expect((await read(elevated)).status).toBe(200);
  });

  it('raises and revokes an override used after its time box, naming the charts opened under it', async () => {
    const { override, read, signals, later, estate } = await rig(true);
    const elevated = await override({ reason: '' });
    await read(elevated);
    await later(HOUR + 60_000);
    expect((await read(elevated)).status).toBe(200);
    expect(signals.at(-1)).toMatchObject({
      rule: 'elevation-outlived-time-box',
      severity: 'high',
      patientIds: [estate.population.patient(4).id],
    });
    expect((await read(elevated)).status).toBe(401);
  });

  it('raises and revokes an override still accepted after its time box even if unused', async () => {
    const { override, read, signals, later, instance } = await rig(true);
    const elevated = await override({ reason: '' });
    await later(HOUR - 60_000);
    instance.onScan!();
    expect(signals).toHaveLength(1);
    await later(2 * 60_000);
    instance.onScan!();
    expect(signals.at(-1)).toMatchObject({ rule: 'elevation-outlived-time-box' });
    expect((await read(elevated)).status).toBe(401);
  });

  it('stays silent on ordinary clinician reads', async () => {
    const { read, ordinary, signals, later } = await rig(true);
    await read(ordinary);
    await later(2 * HOUR);
    expect(signals).toEqual([]);
  });
});
