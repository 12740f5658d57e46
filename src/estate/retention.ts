import type { Estate } from './estate.ts';

/** One of the estate's append-only stores, by the name a user would recognise. */
interface LogStore {
  name: string;
  entries: unknown[];
}

/**
 * The append-only records a long-lived estate (`phi-drill serve`) accumulates per request: the EHR's
 * AuditEvents, the integration's application log and log-search audit, the portal's access and
 * analytics-egress logs. A drill keeps them whole (they are its evidence); a server answering
 * millions of requests keeps the newest `keep` of each, as a real system's retention would.
 */
function logStores(estate: Estate): LogStore[] {
  return [
    { name: 'ehr AuditEvent', entries: estate.ehr.state.auditEvents },
    { name: 'integration app log', entries: estate.integration.appLog.records },
    { name: 'integration log-search audit', entries: estate.integration.appLog.searchAudit },
    { name: 'portal access log', entries: estate.portal.state.accessLog },
    { name: 'portal analytics egress', entries: estate.portal.state.egressLog },
  ];
}

/**
 * Returns a function to call after each request: once a store holds twice `keep` entries, the oldest
 * are dropped down to `keep`, so trimming costs O(1) per request on average.
 */
export function retainNewest(estate: Estate, keep: number): () => void {
  if (!Number.isInteger(keep) || keep < 1)
    throw new RangeError(`keep must be a positive integer, got ${keep}`);
  const stores = logStores(estate);
  return () => {
    for (const { entries } of stores) {
      if (entries.length >= 2 * keep) entries.splice(0, entries.length - keep);
    }
  };
}
