import type { PortalSession } from './types.ts';

/**
 * Where the portal keeps its sessions. Expiry is data on each session (`lastSeenAt`, `createdAt`,
 * `endedAt`, all drill-clock times), judged by the portal, so a store only keeps and returns records
 * and can be swapped for a shared one without changing how sessions end.
 */
export interface SessionStore {
  get(id: string): PortalSession | undefined;
  set(session: PortalSession): void;
  delete(id: string): void;
  values(): Iterable<PortalSession>;
}

export function createMemorySessionStore(): SessionStore {
  const sessions = new Map<string, PortalSession>();
  return {
    get: (id) => sessions.get(id),
    set: (session) => void sessions.set(session.id, session),
    delete: (id) => void sessions.delete(id),
    values: () => sessions.values(),
  };
}
