import { SfError } from './errors.ts';

const MINUTE = 60_000;

export interface ApiLimitsConfig {
  /**
   * The org's API request allocation over a rolling window: Salesforce's `DailyApiRequests`
   * (24 hours). Scaled to the simulated org: its few hundred patients make about 600 REST calls a
   * day, so 2,500 leaves the headroom a production org has at a quarter of its allocation.
   */
  allocation: { requests: number; windowMs: number };
  /**
   * The org's own per-client policy: requests per minute per connected app (or per user without
   * one). Not a stock Salesforce limit; it stands for the Transaction Security or gateway policy
   * that keeps one client from spending the allocation everyone shares.
   */
  throttle: { enabled: boolean; limitPerMinute: number };
}

export function defaultApiLimitsConfig(): ApiLimitsConfig {
  return {
    allocation: { requests: 2_500, windowMs: 24 * 3_600_000 },
    throttle: { enabled: true, limitPerMinute: 100 },
  };
}

/**
 * API limits of the CRM's REST API. Salesforce answers every limit with 403 `REQUEST_LIMIT_EXCEEDED`
 * and no `Retry-After` (it never sends 429 on REST), so clients must back off on their own. A blocked
 * source gets the Transaction Security block, 403 `TXN_SECURITY_NO_ACCESS`. Refused calls do not
 * spend the allocation.
 */
export class ApiLimits {
  config: ApiLimitsConfig = defaultApiLimitsConfig();
  readonly blockedSources = new Set<string>();
  /** Times of admitted calls within the window, oldest first, from `#head`. */
  #admitted: number[] = [];
  #head = 0;
  #clients = new Map<string, { minute: number; count: number }>();

  /** Counts one call by `client` from `sourceIp` at `now`, or throws the error Salesforce would send. */
  admit(now: number, client: string, sourceIp: string): void {
    if (this.blockedSources.has(sourceIp)) {
      throw new SfError(
        403,
        'TXN_SECURITY_NO_ACCESS',
        "The operation you requested isn't allowed due to a security policy in your organization.",
      );
    }
    const { throttle } = this.config;
    const minute = Math.floor(now / MINUTE);
    const seen = this.#clients.get(client);
    const count = seen?.minute === minute ? seen.count : 0;
    if (throttle.enabled && count >= throttle.limitPerMinute) {
      throw new SfError(
        403,
        'REQUEST_LIMIT_EXCEEDED',
        `Request rate limit exceeded for this client (${throttle.limitPerMinute} per minute).`,
      );
    }
    if (this.remaining(now) <= 0) {
      throw new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    }
    this.#clients.set(client, { minute, count: count + 1 });
    this.#admitted.push(now);
  }

  /** The Transaction Security block on an address; returns false if it was already blocked. */
  block(sourceIp: string): boolean {
    if (this.blockedSources.has(sourceIp)) return false;
    this.blockedSources.add(sourceIp);
    return true;
  }

  /** Calls left in the allocation at `now` (what `/limits` reports as `DailyApiRequests.Remaining`). */
  remaining(now: number): number {
    const since = now - this.config.allocation.windowMs;
    while (this.#head < this.#admitted.length && this.#admitted[this.#head]! <= since) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#admitted.length) {
      this.#admitted = this.#admitted.slice(this.#head);
      this.#head = 0;
    }
    return this.config.allocation.requests - (this.#admitted.length - this.#head);
  }
}
