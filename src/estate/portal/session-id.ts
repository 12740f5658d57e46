import { createHash } from 'node:crypto';
import type { EstateContext } from '../context.ts';
import { PORTAL_COOKIE, type PortalCookieConfig } from './types.ts';

/**
 * Opaque like a real session secret, yet derived from the seed and a sequence so the same seed
 * yields the same cookies run after run.
 */
export function newSessionId(ctx: EstateContext): string {
  return createHash('sha256')
    .update(`${ctx.seed}:${ctx.nextId('portal-session')}`)
    .digest('hex');
}

/** What logs and telemetry carry instead of the secret. */
export function sessionKey(sessionId: string): string {
  return sessionId.slice(0, 8);
}

export function sessionCookieOf(request: Request): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === PORTAL_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

function attributes(cookie: PortalCookieConfig): string {
  return [
    `Path=${cookie.path}`,
    ...(cookie.httpOnly ? ['HttpOnly'] : []),
    ...(cookie.secure ? ['Secure'] : []),
    `SameSite=${cookie.sameSite}`,
  ].join('; ');
}

export function setSessionCookie(sessionId: string, cookie: PortalCookieConfig): string {
  return `${PORTAL_COOKIE}=${sessionId}; ${attributes(cookie)}`;
}

export function clearSessionCookie(cookie: PortalCookieConfig): string {
  return `${PORTAL_COOKIE}=; Max-Age=0; ${attributes(cookie)}`;
}
