import { verify } from 'node:crypto';
import type { ConnectedApp } from './auth.ts';
import { OAuthError } from './errors.ts';

export interface JwtClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
}

const PUBLIC_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

function decodePart(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below as a malformed assertion
  }
  throw new OAuthError('invalid_grant', 'invalid assertion');
}

/**
 * Checks a JWT-bearer assertion the way the token endpoint does: RS256 only, `iss` names a
 * connected app, `aud` is this login host (or the public ones), `exp` not passed, and the
 * signature verifies against the app's registered certificate key.
 */
export function verifyAssertion(
  assertion: string,
  options: { findApp: (clientId: string) => ConnectedApp | undefined; loginUrl: string; now: number },
): { app: ConnectedApp; claims: JwtClaims } {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new OAuthError('invalid_grant', 'invalid assertion');
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (header.alg !== 'RS256')
    throw new OAuthError('invalid_grant', 'invalid assertion: algorithm must be RS256');
  const { iss, sub, aud, exp } = payload;
  if (typeof iss !== 'string' || typeof sub !== 'string' || typeof exp !== 'number') {
    throw new OAuthError('invalid_grant', 'invalid assertion: iss, sub and exp are required');
  }
  const app = options.findApp(iss);
  if (!app) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  const audiences = (Array.isArray(aud) ? aud : [aud]).map((a) => String(a).replace(/\/$/, ''));
  const allowed = [options.loginUrl.replace(/\/$/, ''), ...PUBLIC_AUDIENCES];
  if (!audiences.some((a) => allowed.includes(a)))
    throw new OAuthError('invalid_grant', 'audience is invalid');
  if (exp * 1000 <= options.now) throw new OAuthError('invalid_grant', 'expired assertion');
  if (!app.jwtPublicKeyPem)
    throw new OAuthError('invalid_grant', 'invalid assertion: no certificate registered');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  let valid = false;
  try {
    valid = verify('RSA-SHA256', signed, app.jwtPublicKeyPem, Buffer.from(signature, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) throw new OAuthError('invalid_grant', 'invalid assertion: signature does not verify');
  return { app, claims: { iss, sub, aud: aud as string | string[], exp } };
}
