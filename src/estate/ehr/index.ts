import type { HttpHandler } from 'msw';
import type { EstateContext } from '../context.ts';
import { DEFAULT_TOKEN_TTL_SECONDS } from './auth.ts';
import { ehrHandlers } from './handlers.ts';
import { EhrState } from './state.ts';

export { auditRecordFor } from './audit.ts';
export type { FhirAuditEvent, FhirPatient, FhirResource } from './fhir-types.ts';
export { grantScopes, parseScope, scopesCover, scopeWithin } from './scopes.ts';
export {
  EHR_RESOURCE_TYPES,
  type EhrAuditConfig,
  type EhrClient,
  type EhrResourceType,
  EhrState,
  type IssuedToken,
  type PatientChangeKind,
  type PatientChangeListener,
} from './state.ts';

export const DEFAULT_FHIR_BASE = '/fhir/R4';

export interface EhrOptions {
  /** Path of the FHIR base on any origin; `/fhir/R4` unless a drill mimics a vendor's layout. */
  fhirBase?: string;
  /** Access-token lifetime; SMART Backend Services' five minutes unless a drill needs otherwise. */
  tokenTtlSeconds?: number;
}

export interface Ehr {
  state: EhrState;
  handlers: HttpHandler[];
}

/** The simulated EHR: a FHIR R4 server with SMART client credentials, BALP audit and telemetry. */
export function createEhr(ctx: EstateContext, options: EhrOptions = {}): Ehr {
  const state = new EhrState(ctx);
  const basePath = `/${(options.fhirBase ?? DEFAULT_FHIR_BASE).replace(/^\/+|\/+$/g, '')}`;
  const handlers = ehrHandlers({
    ctx,
    state,
    basePath,
    tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
  });
  return { state, handlers };
}
