import type { EstateContext } from '../context.ts';
import type { CrmState } from '../crm/state.ts';
import type { EstateFetch } from '../dispatch.ts';
import type { Population } from '../estate.ts';
import { analyticsAdminHandlers } from './admin.ts';
import { AnalyticsExport } from './export-job.ts';
import { AnalyticsPlatform } from './platform.ts';

export { ANALYTICS_RECALL_PATH } from './admin.ts';
export { ANALYTICS_DATASET, AnalyticsExport, type OutboundBatch } from './export-job.ts';
export { ANALYTICS_HOST, EXPORT_HOST_IP } from './hosts.ts';
export { AnalyticsPlatform } from './platform.ts';

/** The batch export to the outside analytics platform, the platform itself and the export's admin console. */
export function createAnalytics(
  ctx: EstateContext,
  fetch: EstateFetch,
  population: Population,
  crm: CrmState,
) {
  const platform = new AnalyticsPlatform(ctx.seed, () => ctx.clock.now());
  const exports = new AnalyticsExport(ctx, fetch, platform, function* () {
    for (let index = 0; index < population.count; index++) yield population.patient(index);
  });
  return { exports, handlers: [...platform.handlers(), ...analyticsAdminHandlers(exports, crm)] };
}
