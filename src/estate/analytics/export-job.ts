import { csvRow } from '../../csv.ts';
import type { SyntheticPatient } from '../../synth/patient.ts';
import type { Actor } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import type { EstateFetch } from '../dispatch.ts';
import { deidentifiedExtract, type Extract, identifiedExtract } from './extract.ts';
import { ANALYTICS_HOST } from './hosts.ts';
import type { AnalyticsPlatform } from './platform.ts';

export interface AnalyticsExportConfig {
  /** Apply the Safe Harbor transformation before a batch leaves (the approved specification). */
  deidentify: boolean;
}

/** The organisation's copy of a batch it sent, kept in the job's outbound folder. */
export interface OutboundBatch extends Extract {
  batchId: string;
  dataset: string;
  sentAt: number;
  recalledAt?: number;
}

export const ANALYTICS_DATASET = 'population-health';

/**
 * The integration engine's batch export to the outside analytics platform: it extracts every patient,
 * transforms the rows as configured, keeps a copy in its outbound folder and sends the CSV. Its job
 * log (system `integration`, shipped by the forwarder) records each batch's columns, rows and bytes;
 * it cannot say whether the rows identify anyone. Recall asks the platform to delete a batch.
 */
export class AnalyticsExport {
  readonly config: AnalyticsExportConfig = { deidentify: true };
  readonly outbound = new Map<string, OutboundBatch>();

  constructor(
    private readonly ctx: EstateContext,
    private readonly fetch: EstateFetch,
    readonly platform: AnalyticsPlatform,
    private readonly patients: () => Iterable<SyntheticPatient>,
  ) {}

  async run(by: Actor, caller: Caller): Promise<OutboundBatch> {
    const now = this.ctx.clock.now();
    const extract = this.config.deidentify
      ? deidentifiedExtract(this.patients(), now)
      : identifiedExtract(this.patients(), now);
    const batch: OutboundBatch = {
      ...extract,
      batchId: this.ctx.nextId('batch'),
      dataset: ANALYTICS_DATASET,
      sentAt: now,
    };
    this.outbound.set(batch.batchId, batch);
    const body = [csvRow(batch.columns), ...batch.rows.map((row) => csvRow(row))].join('\r\n');
    const uri = `/analytics/v1/datasets/${batch.dataset}/batches/${batch.batchId}`;
    const response = await this.fetch(uri, {
      method: 'PUT',
      headers: { 'x-api-key': this.platform.apiKey, 'content-type': 'text/csv' },
      body,
    });
    this.#emit('analytics.export', by, caller, batch, uri, response.status, {
      method: 'PUT',
      rows: batch.rows.length,
      columns: batch.columns.join(','),
      bytes: body.length,
    });
    return batch;
  }

  /** Asks the platform to delete a batch; true when it is gone from there. */
  async recall(batchId: string, by: Actor, caller: Caller): Promise<boolean> {
    const batch = this.outbound.get(batchId);
    if (!batch) return false;
    const uri = `/analytics/v1/datasets/${batch.dataset}/batches/${batchId}`;
    const response = await this.fetch(uri, {
      method: 'DELETE',
      headers: { 'x-api-key': this.platform.apiKey },
    });
    const gone = response.status === 204 || response.status === 404;
    if (gone) batch.recalledAt ??= this.ctx.clock.now();
    this.#emit('analytics.recall', by, caller, batch, uri, response.status, { method: 'DELETE' });
    return gone;
  }

  #emit(
    action: string,
    actor: Actor,
    caller: Caller,
    batch: OutboundBatch,
    uri: string,
    status: number,
    detail: Record<string, string | number>,
  ): void {
    const { method, ...rest } = detail;
    this.ctx.bus.emit({
      system: 'integration',
      action,
      actor,
      sourceIp: caller.sourceIp,
      ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
      requestId: caller.requestId,
      method: String(method),
      uri: `https://${ANALYTICS_HOST}${uri}`,
      status,
      resource: { type: 'AnalyticsBatch', id: batch.batchId },
      patientIds: [],
      fields: batch.columns,
      ...(typeof rest.rows === 'number' ? { rows: rest.rows } : {}),
      outcome: status < 400 || status === 404 ? 'success' : 'failure',
      ...(caller.correlationId ? { correlationId: caller.correlationId } : {}),
      detail: { dataset: batch.dataset, destination: ANALYTICS_HOST, ...rest },
    });
  }
}
