import { REQUEST_ID_HEADER } from '../caller.ts';
import type { EstateFetch } from '../dispatch.ts';
import { SYNC_SERVER_IP, SYNC_USER_AGENT } from './sync-telemetry.ts';
import type { PatientChange } from './types.ts';

export interface SyncDeps {
  crmFetch: EstateFetch;
  crmToken: () => Promise<string>;
  /** Salesforce REST version without the `v` (default `66.0`). */
  apiVersion?: string;
  /** The org's instance URL; by default paths are relative, which the estate dispatch resolves. */
  instanceUrl?: string;
}

export const DEFAULT_SYNC_API_VERSION = '66.0';

/** `limited`: the org refused the call for an API limit, so the job backs off instead of retrying. */
export type Delivery = { ok: true } | { ok: false; error: string; status?: number; limited?: boolean };

/**
 * Upserts one Person Account by its MRN external id. Never throws: a refused connection or a
 * failed token fetch is a failed delivery like any non-2xx answer, so the job can retry it.
 */
export function createCrmUpsert(deps: SyncDeps) {
  const apiVersion = deps.apiVersion ?? DEFAULT_SYNC_API_VERSION;
  const base = deps.instanceUrl?.replace(/\/$/, '') ?? '';
  return async (change: PatientChange, requestId: string): Promise<Delivery> => {
    const path = `/services/data/v${apiVersion}/sobjects/Account/MRN__c/${encodeURIComponent(change.mrn)}`;
    try {
      const response = await deps.crmFetch(`${base}${path}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${await deps.crmToken()}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': SYNC_USER_AGENT,
          'x-forwarded-for': SYNC_SERVER_IP,
          [REQUEST_ID_HEADER]: requestId,
        },
        body: JSON.stringify(change.account),
      });
      if (response.ok) {
        await response.body?.cancel();
        return { ok: true };
      }
      const codes = await errorCodes(response);
      return {
        ok: false,
        status: response.status,
        error: `HTTP ${response.status} ${codes}`,
        // Salesforce signals every API limit as 403 REQUEST_LIMIT_EXCEEDED, never 429.
        ...(codes.split(',').includes('REQUEST_LIMIT_EXCEEDED') ? { limited: true } : {}),
      };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** Salesforce errors are a JSON array of `{ errorCode, message }`; only the codes go in the log. */
async function errorCodes(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as unknown;
    if (Array.isArray(body)) {
      const codes = body
        .map((one) => (one as { errorCode?: unknown }).errorCode)
        .filter((c) => typeof c === 'string');
      if (codes.length > 0) return codes.join(',');
    }
  } catch {
    // A non-JSON error body (a proxy's HTML page) says nothing the log needs.
  }
  return 'UNKNOWN_ERROR';
}
