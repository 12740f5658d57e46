/**
 * Who is calling, as the estate's systems would log it. The simulated source address travels in
 * X-Forwarded-For (as behind a load balancer); the loopback server fills it from the socket when a
 * real client does not send one.
 */
export interface Caller {
  sourceIp: string;
  userAgent?: string;
  requestId: string;
  /** Drill correlation id, when the drill surfaces one as a header. */
  correlationId?: string;
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const CORRELATION_HEADER = 'x-phi-drill-correlation';

export function callerOf(request: Request): Caller {
  const forwarded = request.headers.get('x-forwarded-for');
  return {
    sourceIp: forwarded?.split(',')[0]?.trim() || '127.0.0.1',
    userAgent: request.headers.get('user-agent') ?? undefined,
    requestId: request.headers.get(REQUEST_ID_HEADER) ?? 'req-unknown',
    correlationId: request.headers.get(CORRELATION_HEADER) ?? undefined,
  };
}

/** Bearer token from the Authorization header, if any. */
export function bearerOf(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  const match = header && /^Bearer\s+(.+)$/i.exec(header);
  return match ? match[1] : undefined;
}
