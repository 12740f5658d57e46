import { afterEach, describe, expect, it } from 'vitest';
import { cookieFrom, PATIENT_IP, type PortalRig, START, startPortal } from './portal-harness.ts';

let rig: PortalRig | undefined;
afterEach(async () => {
  await rig?.server.close();
  rig = undefined;
});

describe('portal access log (164.312(b))', () => {
  it('records each request with the session key, caller, patient and status', async () => {
    rig = await startPortal();
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    await rig.view(cookie);
    await rig.view();
    const [login, view, anonymous] = rig.portal.state.accessLog;
    const key = cookie.split('=')[1]!.slice(0, 8);
    expect(login).toEqual({
      time: START,
      requestId: expect.stringMatching(/^req-\d{6}$/),
      session: key,
      sourceIp: PATIENT_IP,
      userAgent: 'PortalTest/1.0',
      patientId: 'zz-0000001',
      method: 'POST',
      path: '/portal/login',
      status: 303,
    });
    expect(view).toMatchObject({
      method: 'GET',
      path: '/portal/appointments',
      status: 200,
      patientId: 'zz-0000001',
    });
    expect(anonymous).not.toHaveProperty('patientId');
    expect(anonymous).not.toHaveProperty('session');
    expect(JSON.stringify(rig.portal.state.accessLog)).not.toContain(cookie.split('=')[1]);
  });

  it('writes nothing while the access log is switched off, and resumes when switched back on', async () => {
    rig = await startPortal({ accessLog: { enabled: false } });
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    await rig.view(cookie);
    expect(rig.portal.state.accessLog).toEqual([]);
    expect(rig.events.map((event) => event.action)).toEqual(['portal.login', 'portal.view']);
    rig.portal.state.config.accessLog.enabled = true;
    await rig.view(cookie);
    expect(rig.portal.state.accessLog).toHaveLength(1);
  });

  it('leaves out the fields named in omitFields', async () => {
    rig = await startPortal({ accessLog: { omitFields: ['sourceIp', 'userAgent'] } });
    await rig.login('ava.zztest', 'Correct-Horse-1');
    const [line] = rig.portal.state.accessLog;
    expect(line).not.toHaveProperty('sourceIp');
    expect(line).not.toHaveProperty('userAgent');
    expect(line).toMatchObject({ patientId: 'zz-0000001', status: 303 });
  });
});
