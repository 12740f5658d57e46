import type { EstateFetch } from '../dispatch.ts';
import { requestToken } from '../token-request.ts';

type TokenCache = Map<string, { token: string; expiresAt: number }>;

/**
 * Gets (and reuses) OAuth tokens for background actors, as real clients do: a token is fetched
 * once and used until shortly before it expires, so the haystack has realistic login volume.
 */
export function tokenBroker(fetch: EstateFetch, now: () => number) {
  const cache: TokenCache = new Map();
  return async function token(
    key: string,
    endpoint: string,
    form: Record<string, string>,
    headers: Record<string, string>,
    lifetimeMs = 3_600_000,
  ): Promise<string | undefined> {
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now()) return cached.token;
    const response = await requestToken(fetch, endpoint, form, headers);
    if (!response.ok) return undefined;
    const body = (await response.json()) as { access_token: string; expires_in?: number };
    const ttl = body.expires_in ? Math.min(body.expires_in * 1000, lifetimeMs) : lifetimeMs;
    cache.set(key, { token: body.access_token, expiresAt: now() + ttl - 60_000 });
    return body.access_token;
  };
}
