import { type HttpHandler, http } from 'msw';
import { findPhi } from '../../synth/find-phi.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import type { EstateFetch } from '../dispatch.ts';
import { jsonResponse } from '../string-response.ts';
import {
  type BusinessAssociate,
  DEFAULT_BUSINESS_ASSOCIATES,
  ENGAGEMENT_VENDOR_HOST,
} from './business-associates.ts';

/** Where the org's outbound gateway sits, as its log shipper reports it. */
export const EGRESS_GATEWAY_IP = '10.99.200.30';
/** Vendor endpoints are served by the estate under this prefix: one loopback host stands for every vendor. */
export const VENDOR_PATH = '/vendors';

/**
 * A named credential (or an installed package's) that points a CRM callout at an outside host.
 * Callouts leave through the organisation's outbound gateway, which inspects and logs them.
 */
export interface NamedCredential {
  name: string;
  host: string;
  /** The AppExchange package that installed it, if any. */
  package?: string;
}

/** Service-desk metrics, counts only: no PHI, so no BAA is needed. */
export const METRICS_HOST = 'hooks.statusboard.example';

export const DEFAULT_NAMED_CREDENTIALS: readonly NamedCredential[] = [
  { name: 'EngagePulse_Reminders', host: ENGAGEMENT_VENDOR_HOST, package: 'EngagePulse for Health Cloud' },
  { name: 'StatusBoard_Metrics', host: METRICS_HOST },
];

export interface VendorReceipt {
  time: number;
  host: string;
  path: string;
  body: string;
}

export interface EgressGateway {
  /** The organisation's BAA register, as vendor management keeps it. */
  readonly register: readonly BusinessAssociate[];
  readonly credentials: Map<string, NamedCredential>;
  /** Hosts the gateway refuses to connect to. */
  readonly blocked: Set<string>;
  /** What each vendor endpoint received: the far side of the wire. */
  readonly received: VendorReceipt[];
  handlers: HttpHandler[];
  /** A callout through a named credential; answers the vendor's status, or 403 when the host is blocked. */
  callout(credential: string, path: string, body: string, caller: Caller): Promise<number>;
  block(host: string, by: string): void;
}

/**
 * The outbound gateway between the CRM's callouts and the internet. Its log line per request names
 * the destination host, the named credential and package, the bytes sent, and what its DLP engine
 * matched in the body (identifier kinds, as an inline DLP profile reports them); patients are those
 * whose MRN the body carries.
 */
export function createEgressGateway(
  ctx: EstateContext,
  fetch: () => EstateFetch,
  patientIdOfMrn: (mrn: string) => string | undefined,
  register: readonly BusinessAssociate[] = DEFAULT_BUSINESS_ASSOCIATES,
): EgressGateway {
  const gateway: EgressGateway = {
    register,
    credentials: new Map(DEFAULT_NAMED_CREDENTIALS.map((credential) => [credential.name, { ...credential }])),
    blocked: new Set(),
    received: [],
    handlers: [
      http.post(`*${VENDOR_PATH}/:host/*`, async ({ request, params }) => {
        const path = new URL(request.url).pathname;
        const host = String(params.host);
        gateway.received.push({
          time: ctx.clock.now(),
          host,
          path: path.slice(`${VENDOR_PATH}/${host}`.length),
          body: await request.text(),
        });
        return jsonResponse({ accepted: true }, { status: 202 });
      }),
    ],
    async callout(name, path, body, caller) {
      const credential = gateway.credentials.get(name);
      if (!credential) throw new Error(`no named credential ${name}`);
      const blocked = gateway.blocked.has(credential.host);
      let status = 403;
      if (!blocked) {
        const response = await fetch()(`${VENDOR_PATH}/${credential.host}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': caller.requestId },
          body,
        });
        status = response.status;
      }
      const matches = findPhi(body);
      const patientIds = [
        ...new Set(matches.filter((m) => m.kind === 'mrn').flatMap((m) => patientIdOfMrn(m.match) ?? [])),
      ];
      ctx.bus.emit({
        system: 'integration',
        action: 'egress.request',
        actor: { id: name, type: 'integration', name: credential.package ?? name },
        sourceIp: EGRESS_GATEWAY_IP,
        userAgent: caller.userAgent,
        requestId: caller.requestId,
        correlationId: caller.correlationId,
        method: 'POST',
        uri: `https://${credential.host}${path}`,
        status,
        resource: { type: 'Callout', id: credential.host },
        patientIds: blocked ? [] : patientIds,
        fields: [],
        outcome: blocked ? 'denied' : status < 400 ? 'success' : 'failure',
        detail: {
          destHost: credential.host,
          namedCredential: name,
          package: credential.package ?? '',
          requestBytes: body.length,
          dlpIdentifiers: [...new Set(matches.map((m) => m.kind))].sort().join(','),
        },
      });
      return status;
    },
    block(host, by) {
      gateway.blocked.add(host);
      ctx.bus.emit({
        system: 'integration',
        action: 'egress.policy.block',
        actor: { id: by, type: 'responder', name: by },
        sourceIp: EGRESS_GATEWAY_IP,
        resource: { type: 'EgressRule', id: host },
        patientIds: [],
        fields: [],
        outcome: 'success',
        detail: { destHost: host },
      });
    },
  };
  return gateway;
}
