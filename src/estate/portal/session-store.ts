import type { PortalSession } from './types.ts';

/**
 * Where the portal keeps its sessions. The portal mutates a session object in place (last seen,
 * logout, expiry) and then calls `save`, so a store backed by a server (Redis) writes every change
 * where the organisation's own tooling looks. Expiry is recorded as data on the session, never left
 * to a server's TTL, so verdicts stay on the drill's clock.
 */
export interface SessionStore {
  readonly size: number;
  get(id: string): PortalSession | undefined;
  values(): IterableIterator<PortalSession>;
  /** Records a new session or a change to one. */
  save(session: PortalSession): void;
}

/** Something that also receives every saved session (a Redis hash per session). */
export type SessionWriter = (session: Readonly<PortalSession>) => void;

/** The embedded store: a Map, optionally echoing every save to a writer. */
export function createMemorySessionStore(writer?: SessionWriter): SessionStore {
  const sessions = new Map<string, PortalSession>();
  return {
    get size() {
      return sessions.size;
    },
    get: (id) => sessions.get(id),
    values: () => sessions.values(),
    save(session) {
      sessions.set(session.id, session);
      writer?.(session);
    },
  };
}
