import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';

/** Protocol names as OpenSSL and nginx's `$ssl_protocol` spell them, oldest first. */
export const TLS_PROTOCOLS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsProtocol = (typeof TLS_PROTOCOLS)[number];
/** The oldest protocol SP 800-52r2 accepts for data in motion (HHS guidance 74 FR 19006 points to it). */
export const MINIMUM_SAFE_TLS: TlsProtocol = 'TLSv1.2';

/**
 * The edge load balancer in front of the integration engine terminates TLS and forwards what it
 * negotiated the way `proxy_set_header X-SSL-Protocol $ssl_protocol` does; a client on the plain
 * HTTP listener arrives with `X-Forwarded-Proto: http`. On the simulated estate a client states the
 * best protocol it speaks in `X-SSL-Protocol` (absent: TLSv1.3), standing for its ClientHello.
 */
export const SSL_PROTOCOL_HEADER = 'x-ssl-protocol';
export const FORWARDED_PROTO_HEADER = 'x-forwarded-proto';
/** Where the edge's own error log and policy changes come from. */
export const EDGE_HOST_IP = '10.99.200.10';

/** The cipher OpenSSL's default order picks for each protocol with an RSA certificate (`$ssl_cipher`). */
const CIPHER_OF: Record<TlsProtocol, string> = {
  TLSv1: 'ECDHE-RSA-AES128-SHA',
  'TLSv1.1': 'ECDHE-RSA-AES128-SHA',
  'TLSv1.2': 'ECDHE-RSA-AES256-GCM-SHA384',
  'TLSv1.3': 'TLS_AES_256_GCM_SHA384',
};

export interface EdgeTlsConfig {
  /** nginx `ssl_protocols`: the handshakes the edge accepts. */
  sslProtocols: TlsProtocol[];
  /** The plain HTTP listener proxies to the engine instead of refusing (nginx answers 400 to it). */
  plainHttp: boolean;
}

/** What the edge negotiated, as its access log writes it: `-` for both on plain HTTP. */
export interface Handshake {
  sslProtocol: TlsProtocol | '-';
  sslCipher: string;
}

export type HandshakeResult = { ok: true; handshake: Handshake } | { ok: false; reason: string };

export interface EdgeTls {
  config: EdgeTlsConfig;
  handshake(request: Request, caller: Caller): HandshakeResult;
  /** Sets `ssl_protocols` to `minimum` and newer and closes the plain listener. */
  enforce(minimum: TlsProtocol, by: string): void;
  /** Whether the edge accepts anything older than TLS 1.2 or plain HTTP. */
  weak(): boolean;
}

export function isTlsProtocol(value: string): value is TlsProtocol {
  return (TLS_PROTOCOLS as readonly string[]).includes(value);
}

export function isWeakProtocol(value: string): boolean {
  return !isTlsProtocol(value) || TLS_PROTOCOLS.indexOf(value) < TLS_PROTOCOLS.indexOf(MINIMUM_SAFE_TLS);
}

export function createEdgeTls(ctx: EstateContext): EdgeTls {
  const refuse = (caller: Caller, reason: string, offered: string): HandshakeResult => {
    // nginx's error log line for a failed handshake; no access-log line follows.
    ctx.bus.emit({
      system: 'integration',
      action: 'tls.handshake-failed',
      actor: { id: 'anonymous', type: 'anonymous' },
      sourceIp: caller.sourceIp,
      userAgent: caller.userAgent,
      requestId: caller.requestId,
      resource: { type: 'TlsHandshake' },
      patientIds: [],
      fields: [],
      outcome: 'denied',
      detail: { sslProtocol: offered, reason },
    });
    return { ok: false, reason };
  };
  const edge: EdgeTls = {
    config: { sslProtocols: ['TLSv1.2', 'TLSv1.3'], plainHttp: false },
    handshake(request, caller) {
      if (request.headers.get(FORWARDED_PROTO_HEADER)?.toLowerCase() === 'http') {
        if (!edge.config.plainHttp)
          return refuse(caller, 'The plain HTTP request was sent to HTTPS port', '-');
        return { ok: true, handshake: { sslProtocol: '-', sslCipher: '-' } };
      }
      const offered = request.headers.get(SSL_PROTOCOL_HEADER) ?? 'TLSv1.3';
      if (!isTlsProtocol(offered)) return refuse(caller, `unsupported protocol ${offered}`, offered);
      // The best protocol both sides speak: the client's, if the edge allows it and nothing newer.
      const newest = TLS_PROTOCOLS.indexOf(offered);
      const agreed = edge.config.sslProtocols
        .filter((protocol) => TLS_PROTOCOLS.indexOf(protocol) <= newest)
        .toSorted((a, b) => TLS_PROTOCOLS.indexOf(b) - TLS_PROTOCOLS.indexOf(a))[0];
      if (!agreed)
        return refuse(caller, `SSL_do_handshake() failed (unsupported protocol ${offered})`, offered);
      return { ok: true, handshake: { sslProtocol: agreed, sslCipher: CIPHER_OF[agreed] } };
    },
    enforce(minimum, by) {
      const before = edge.weak();
      edge.config = {
        sslProtocols: TLS_PROTOCOLS.filter((p) => TLS_PROTOCOLS.indexOf(p) >= TLS_PROTOCOLS.indexOf(minimum)),
        plainHttp: false,
      };
      ctx.bus.emit({
        system: 'integration',
        action: 'tls.policy.update',
        actor: { id: by, type: 'responder', name: by },
        sourceIp: EDGE_HOST_IP,
        resource: { type: 'TlsPolicy', id: 'integration-edge' },
        patientIds: [],
        fields: [],
        outcome: 'success',
        detail: { sslProtocols: edge.config.sslProtocols.join(' '), plainHttp: false, wasWeak: before },
      });
    },
    weak() {
      return edge.config.plainHttp || edge.config.sslProtocols.some((protocol) => isWeakProtocol(protocol));
    },
  };
  return edge;
}
