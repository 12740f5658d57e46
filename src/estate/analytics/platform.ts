import { createHash } from 'node:crypto';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { jsonResponse } from '../string-response.ts';

export interface ReceivedBatch {
  dataset: string;
  batchId: string;
  body: string;
  receivedAt: number;
}

/**
 * The outside analytics platform the organisation sends batches to: `PUT` and `DELETE
 * /analytics/v1/datasets/{dataset}/batches/{batchId}` with the organisation's API key. It is not the
 * organisation's system, so it emits no telemetry of its own; what it holds is what left.
 */
export class AnalyticsPlatform {
  readonly batches = new Map<string, ReceivedBatch>();
  readonly apiKey: string;

  constructor(
    seed: number,
    private readonly now: () => number,
  ) {
    this.apiKey = `ak_${createHash('sha256').update(`analytics:${seed}`).digest('hex').slice(0, 32)}`;
  }

  handlers(): RequestHandler[] {
    const path = '*/analytics/v1/datasets/:dataset/batches/:batchId';
    const refused = (request: Request) =>
      request.headers.get('x-api-key') === this.apiKey
        ? undefined
        : jsonResponse({ error: 'invalid API key' }, { status: 401 });
    return [
      http.put(path, async ({ request, params }) => {
        const refusal = refused(request);
        if (refusal) return refusal;
        const batch = {
          dataset: String(params.dataset),
          batchId: String(params.batchId),
          body: await request.text(),
          receivedAt: this.now(),
        };
        this.batches.set(batch.batchId, batch);
        return jsonResponse({ batchId: batch.batchId, status: 'ACCEPTED' }, { status: 201 });
      }),
      http.delete(path, ({ request, params }) => {
        const refusal = refused(request);
        if (refusal) return refusal;
        if (!this.batches.delete(String(params.batchId)))
          return jsonResponse({ error: 'no such batch' }, { status: 404 });
        return new HttpResponse(null, { status: 204 });
      }),
    ];
  }
}
