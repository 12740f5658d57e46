import { defineControl } from './define.ts';

const MINUTE = 60_000;
/** A client is anomalous above this many calls a minute, or ten times its own busiest minute. */
const FLOOR_PER_MINUTE = 60;
const FACTOR = 10;
const INTERNAL = /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

interface ClientRate {
  minute: number;
  count: number;
  /** Busiest ordinary minute seen so far: the client's own baseline. */
  peak: number;
  anomalous: boolean;
  flagged: boolean;
  sources: Set<string>;
}

/**
 * Counts CRM REST calls per client (connected app, else user) per minute against that client's own
 * busiest ordinary minute, as an ApiEvent or RestApi stream lets a SIEM do. Anomalous minutes never
 * raise the baseline, so a flood cannot teach the control that it is normal. Availability, not
 * disclosure (164.308(a)(6), (a)(7)): severity medium, so no breach task is opened. Responds by
 * switching the per-client throttle back on and blocking the outside sources of the anomalous minute;
 * internal hosts are never blocked, since that would cut off the integrations themselves.
 */
export const apiRateAnomaly = defineControl({
  id: 'api-rate-anomaly',
  summary:
    'CRM API calls per client far above its own baseline; re-enables the throttle and blocks outside sources',
  kind: 'detector',
  reads: ['crm'],
  rules: ['client-rate-anomaly'],
  covers: ['api-flood'],
  start({ estate, raise }) {
    const clients = new Map<string, ClientRate>();
    const { limits } = estate.crm.state;
    return {
      onEvent(event) {
        if (event.system !== 'crm' || !event.uri?.startsWith('/services/data/')) return;
        const key = event.clientApp ?? event.actor.id;
        const minute = Math.floor(event.time / MINUTE);
        let rate = clients.get(key);
        if (!rate) {
          rate = { minute, count: 0, peak: 0, anomalous: false, flagged: false, sources: new Set() };
          clients.set(key, rate);
        }
        if (rate.minute !== minute) {
          if (!rate.anomalous) rate.peak = Math.max(rate.peak, rate.count);
          Object.assign(rate, { minute, count: 0, anomalous: false });
          rate.sources.clear();
        }
        rate.count += 1;
        rate.sources.add(event.sourceIp);
        if (rate.count <= Math.max(FLOOR_PER_MINUTE, FACTOR * rate.peak)) return;
        rate.anomalous = true;
        if (!rate.flagged) {
          rate.flagged = true;
          raise({
            rule: 'client-rate-anomaly',
            severity: 'medium',
            summary: `"${key}" made ${rate.count} CRM API calls within a minute from ${[...rate.sources].join(', ')} (baseline peak ${rate.peak}/min)`,
            patientIds: [],
            evidence: [event.id],
            correlationId: event.correlationId,
          });
        }
        limits.config.throttle.enabled = true;
        for (const source of rate.sources) if (!INTERNAL.test(source)) limits.block(source);
      },
    };
  },
});
