import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { portalSignIn } from '../estate/portal/browser.ts';
import { workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const KIOSK_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) ClinicKiosk/3.1';

/**
 * A patient checks appointments on a shared waiting-room kiosk and logs out. The portal neither ends
 * the session on logout nor enforces the idle timeout, so the next person at the kiosk reopens the
 * page with the same cookie and reads the first patient's PHI.
 */
export const portalSessionReuse = defineInjector({
  id: 'portal-session-reuse',
  summary: 'Portal session survives logout and idle timeout; the next person at a shared kiosk reuses it',
  attack: ['T1550.004', 'T1539'],
  hipaa: ['164.312(a)(2)(iii)', '164.312(d)', '164.312(b)'],
  detection: 'Session used after logout or after more than the idle timeout',
  params: z.strictObject({
    reuseAfter: z
      .string()
      .refine((text) => parseDuration(text) !== undefined, 'a duration like 20m')
      .default('20m')
      .describe('How long after logout the second person reuses the session'),
    views: z.int().min(1).max(50).default(3).describe('Pages the second person opens'),
    patient: z.int().min(0).default(7).describe('Population index of the patient at the kiosk'),
  }),
  conditions: ['session-terminated'],
  async apply({ estate, fetch, later, exposed }, params) {
    const { portal } = estate;
    const saved = structuredClone(portal.state.config);
    portal.state.config.invalidateOnLogout = false;
    portal.state.config.idleTimeoutMs = null;
    const login = estate.credentials.portal.loginFor(params.patient);
    const device = { 'x-forwarded-for': workstationIp(250), 'user-agent': KIOSK_AGENT };
    const cookie = await portalSignIn(fetch, device, login);
    if (!cookie) throw new Error(`kiosk login failed for ${login.username}`);
    const sessionId = cookie.slice('portal_session='.length);
    await fetch('/portal/appointments', { headers: { ...device, cookie } });
    await fetch('/portal/logout', { method: 'POST', headers: { ...device, cookie }, redirect: 'manual' });
    const reuseAfter = parseDuration(params.reuseAfter)!;
    for (let view = 0; view < params.views; view++) {
      later(reuseAfter + view * 60_000, 'portal-session-reuse: second person views', async () => {
        const page = await fetch('/portal/appointments', {
          headers: { ...device, cookie },
          redirect: 'manual',
        });
        if (page.status === 200) exposed([login.patientId]);
      });
    }
    return {
      probes: {
        'session-terminated': () => portal.state.sessions.get(sessionId)?.terminatedAt !== undefined,
      },
      revert() {
        portal.state.config = saved;
      },
    };
  },
});
