import { describe, expect, it } from 'vitest';
import { mfaCode } from '../../src/estate/ehr/break-glass-policy.ts';
import { setupEhr } from './ehr-fixtures.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HOUR = 3_600_000;

/** The fixture's clinician ("scheduler") may read Encounter and Appointment, but no Patient. */
async function rig() {
  const ehr = setupEhr();
  const ordinary = await ehr.token('scheduler', 'user/Encounter.rs');
  const breakGlass = (form: Record<string, string>, bearer = ordinary) =>
    ehr.fetch('/fhir/R4/$break-glass', {
      method: 'POST',
      headers: { ...FORM, authorization: `Bearer ${bearer}`, 'x-forwarded-for': '10.99.0.40' },
      body: new URLSearchParams(form),
    });
  const lastAudit = () => ehr.ehr.state.auditEvents.at(-1)!;
  const lastEvent = () => ehr.events.filter((event) => event.action === 'fhir.break-glass').at(-1)!;
  return { ...ehr, ordinary, breakGlass, lastAudit, lastEvent };
}

describe('EHR break-glass override', () => {
  it('grants user/*.rs for the time box with MFA and a reason, and audits it as an emergency override', async () => {
    const { breakGlass, clock, get, lastAudit, lastEvent, ordinary } = await rig();
    expect((await get('/fhir/R4/Patient/zz-0000003', ordinary)).status).toBe(403);
    const response = await breakGlass({
      reason: 'unconscious patient in ED',
      mfa: mfaCode('sched-secret', clock.now()),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; scope: string; expires_in: number };
    expect(body).toMatchObject({ scope: 'user/*.rs', expires_in: 3600 });
    expect(lastEvent()).toMatchObject({
      outcome: 'success',
      sourceIp: '10.99.0.40',
      detail: { mfa: true, justification: 'unconscious patient in ED' },
    });
    expect(lastAudit()).toMatchObject({
      type: { code: '110113' },
      subtype: [{ code: '110127', display: 'Emergency Override Started' }],
      outcome: '0',
      purposeOfEvent: [{ coding: [{ code: 'BTG' }] }],
    });
    expect(lastAudit().entity?.[1]?.detail).toContainEqual({
      type: 'justification',
      valueString: 'unconscious patient in ED',
    });

    const read = await get('/fhir/R4/Patient/zz-0000003', body.access_token);
    expect(read.status).toBe(200);
    expect(lastAudit().agent[0]?.purposeOfUse).toEqual([
      { coding: [expect.objectContaining({ code: 'BTG' })] },
    ]);
    await clock.sleepUntil(clock.now() + HOUR);
    expect((await get('/fhir/R4/Patient/zz-0000003', body.access_token)).status).toBe(401);
  });

  it('refuses an override without MFA or without a reason while they are required, and audits the refusal', async () => {
    const { breakGlass, clock, lastAudit, lastEvent } = await rig();
    expect((await breakGlass({ reason: 'ED' })).status).toBe(401);
    expect(lastEvent()).toMatchObject({ outcome: 'denied', detail: { mfa: false, justification: 'ED' } });
    expect(lastAudit()).toMatchObject({ subtype: [{ code: '110127' }], outcome: '4' });
    expect((await breakGlass({ mfa: mfaCode('sched-secret', clock.now()) })).status).toBe(400);
  });

  it('masks identifiers in the telemetry copy of the reason, keeping it whole in the AuditEvent', async () => {
    const { breakGlass, clock, lastAudit, lastEvent } = await rig();
    const reason = 'MRN ZZTEST-00000003 arrested in bay 3';
    await breakGlass({ reason, mfa: mfaCode('sched-secret', clock.now()) });
    expect(lastEvent().detail?.justification).toBe('MRN [redacted] arrested in bay 3');
    expect(lastAudit().entity?.[1]?.detail).toContainEqual({ type: 'justification', valueString: reason });
  });

  it('refuses a wrong second factor even when MFA is not required', async () => {
    const { breakGlass, ehr } = await rig();
    ehr.state.config.breakGlass.requireMfa = false;
    expect((await breakGlass({ reason: 'ED', mfa: '000000' })).status).toBe(401);
    expect((await breakGlass({ reason: 'ED' })).status).toBe(200);
  });

  it('refuses services and an already elevated token', async () => {
    const { breakGlass, clock, token } = await rig();
    const service = await token('crm-sync', 'system/Patient.rs');
    expect((await breakGlass({ reason: 'ED' }, service)).status).toBe(403);
    const granted = await breakGlass({ reason: 'ED', mfa: mfaCode('sched-secret', clock.now()) });
    const { access_token } = (await granted.json()) as { access_token: string };
    expect(
      (await breakGlass({ reason: 'again', mfa: mfaCode('sched-secret', clock.now()) }, access_token)).status,
    ).toBe(403);
  });

  it('lets the elevated token outlive its time box when the box is not enforced', async () => {
    const { breakGlass, clock, ehr, get } = await rig();
    Object.assign(ehr.state.config.breakGlass, {
      requireMfa: false,
      requireJustification: false,
      enforceTimeBox: false,
    });
    const response = await breakGlass({ reason: '' });
    const { access_token } = (await response.json()) as { access_token: string };
    await clock.sleepUntil(clock.now() + 3 * HOUR);
    expect((await get('/fhir/R4/Patient/zz-0000003', access_token)).status).toBe(200);
  });
});
