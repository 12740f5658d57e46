import { z } from 'zod';
import { documentationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const TICK_MS = 10_000;

/**
 * The org's per-client API throttle was switched off for a data migration and never switched back.
 * Then the partner engagement app's new release loops on a schema describe from its autoscaled
 * workers outside the network, hundreds of calls a minute. Nothing it reads is PHI, but every call
 * spends the API allocation the whole org shares; once it is gone the CRM refuses the EHR sync too,
 * and care coordinators work from stale records.
 */
export const apiFlood = defineInjector({
  id: 'api-flood',
  summary:
    'Per-client API throttle disabled; an outside client floods the CRM REST API and exhausts the org allocation the EHR sync needs',
  attack: ['T1499.003'],
  hipaa: ['164.308(a)(7)(i)', '164.308(a)(6)(ii)', '164.312(b)'],
  dossier: {
    dossier: 'immediate-action',
    failure:
      'Real-time integration endpoints lacking request throttling become DDoS targets that can disrupt critical care coordination',
  },
  detection:
    'A client’s request rate far above its own steady-state baseline; REQUEST_LIMIT_EXCEEDED answers',
  params: z.strictObject({
    requests: z.int().min(1).max(5000).default(2400).describe('Calls in the flood'),
    perMinute: z.int().min(6).max(1200).default(300).describe('Flood rate'),
    sources: z.int().min(1).max(16).default(4).describe('Outside addresses the calls come from'),
  }),
  conditions: ['source-blocked'],
  async apply({ estate, fetch, later, correlationId }, params) {
    const { limits } = estate.crm.state;
    const savedThrottle = { ...limits.config.throttle };
    limits.config.throttle.enabled = false;
    const app = estate.credentials.crm.engageApp;
    const user = estate.credentials.crm.engageUser;
    const token = estate.crmIssueToken(app.clientId, user.username, ['api']);
    const sources = Array.from({ length: params.sources }, (_, n) => documentationIp(0, 60 + n));
    const path = `/services/data/v${estate.crmApiVersion}/sobjects/Account/describe`;
    const perTick = Math.max(1, Math.round((params.perMinute * TICK_MS) / 60_000));
    // The partner's SDK retries limits and server errors, which is the loop; a security-policy
    // block is a non-retryable 403 to it, so a blocked worker halts.
    const halted = new Set<string>();
    let sent = 0;
    const burst = async () => {
      const count = Math.min(perTick, params.requests - sent);
      for (let n = 0; n < count; n++) {
        const running = sources.filter((ip) => !halted.has(ip));
        if (running.length === 0) return;
        const source = running[(sent + n) % running.length]!;
        const response = await fetch(path, {
          headers: {
            authorization: `Bearer ${token}`,
            'x-forwarded-for': source,
            'user-agent': `PatientEngageSync/4.3 (${correlationId})`,
          },
        });
        if (response.status !== 403) await response.body?.cancel();
        else if ((await response.text()).includes('TXN_SECURITY_NO_ACCESS')) halted.add(source);
      }
      sent += count;
      if (sent < params.requests) later(TICK_MS, 'api-flood: next burst', burst);
    };
    await burst();
    return {
      probes: { 'source-blocked': () => sources.every((ip) => limits.blockedSources.has(ip)) },
      revert() {
        limits.config.throttle = savedThrottle;
      },
    };
  },
});
