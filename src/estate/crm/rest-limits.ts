import type { ApiRoute } from './rest-route.ts';

/**
 * The org limits the simulated org actually enforces or spends, in the shape of
 * `GET /services/data/vXX.X/limits` (REST API Developer Guide, "Limits"): each limit is
 * `{ Max, Remaining }`. `DailyApiRequests` is the allocation `ApiLimits` enforces, so a client that
 * reads it sees the same headroom that REQUEST_LIMIT_EXCEEDED is judged against. The storage and
 * bulk limits are fixed at the values of a small Enterprise Edition org; the simulated org never
 * spends them.
 */
export const limitsRoute: ApiRoute = (call) => {
  const { limits, ctx } = call.state;
  const max = limits.config.allocation.requests;
  const fixed = (value: number) => ({ Max: value, Remaining: value });
  return {
    status: 200,
    body: {
      DailyApiRequests: { Max: max, Remaining: Math.max(0, limits.remaining(ctx.clock.now())) },
      DailyAsyncApexExecutions: fixed(250_000),
      DailyBulkApiBatches: fixed(15_000),
      DailyBulkV2QueryFileStorageMB: fixed(976_562),
      DailyBulkV2QueryJobs: fixed(10_000),
      DataStorageMB: fixed(5_120),
      FileStorageMB: fixed(20_480),
      HourlyODataCallout: fixed(10_000),
      SingleEmail: fixed(5_000),
    },
  };
};

/** The `Sforce-Limit-Info` header value REST responses carry: `api-usage=used/max` (REST API Developer Guide, "Response Headers"). */
export function limitInfoHeader(used: number, max: number): string {
  return `api-usage=${used}/${max}`;
}
