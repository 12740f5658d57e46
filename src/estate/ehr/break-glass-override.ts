/**
 * Break-glass overrides as containment sees them: a detector holding only the session handle that
 * telemetry carries checks whether the override is still live and revokes it. Apart from the FHIR
 * handler, so loading a detector does not load the request plumbing.
 */
import { sessionKey } from './exchange.ts';
import type { EhrState, IssuedToken } from './state.ts';

/** The elevated token behind a logged session handle (telemetry carries only the handle). */
function overrideBySession(state: EhrState, session: string): [string, IssuedToken] | undefined {
  for (const [token, issued] of state.tokens) {
    if (issued.breakGlass && sessionKey(token) === session) return [token, issued];
  }
  return undefined;
}

/** Whether the override behind a session handle would still be accepted at `now`. */
export function overrideLive(state: EhrState, session: string, now: number): boolean {
  const issued = overrideBySession(state, session)?.[1];
  return issued !== undefined && issued.revokedAt === undefined && now < issued.expiresAt;
}

/** Revokes the elevated token behind a session handle; false when no override matches. */
export function revokeOverride(state: EhrState, session: string): boolean {
  const found = overrideBySession(state, session);
  return found !== undefined && state.revokeToken(found[0]);
}
