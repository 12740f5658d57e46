import type { Estate } from './estate.ts';

/** One of the estate's append-only stores, by the name a user would recognise, and how to trim it. */
interface LogStore {
  name: string;
  /** Keeps the newest `keep` records once it holds twice that many. */
  trim(keep: number): void;
}

/** Trimming for a plain array of records: the oldest are dropped down to `keep`. */
function newestOf(entries: unknown[]): (keep: number) => void {
  return (keep) => {
    if (entries.length >= 2 * keep) entries.splice(0, entries.length - keep);
  };
}

/**
 * The append-only records a long-lived estate (`phi-drill serve`) accumulates per request: the EHR's
 * AuditEvents, the integration's application log and log-search audit, the portal's access and
 * analytics-egress logs, the CRM's event-monitoring rows and the EventLogFiles made of them. A drill
 * keeps them whole (they are its evidence); a server answering millions of requests keeps the newest
 * `keep` of each, as a real system's retention would.
 */
function logStores(estate: Estate): LogStore[] {
  return [
    { name: 'ehr AuditEvent', trim: newestOf(estate.ehr.state.auditEvents) },
    { name: 'integration app log', trim: newestOf(estate.integration.appLog.records) },
    { name: 'integration log-search audit', trim: newestOf(estate.integration.appLog.searchAudit) },
    { name: 'portal access log', trim: newestOf(estate.portal.state.accessLog) },
    { name: 'portal analytics egress', trim: newestOf(estate.portal.state.egressLog) },
    { name: 'crm event log (EventLogFile rows)', trim: (keep) => estate.crm.state.log.retainNewest(keep) },
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
    for (const store of stores) store.trim(keep);
  };
}
