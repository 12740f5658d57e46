/** Where the portal looks people up; the estate wires it to the EHR's synthetic population. */
export interface PortalDirectory {
  findLogin(username: string): { patientId: string; password: string; displayName: string } | undefined;
  appointmentsFor(patientId: string): PortalAppointment[];
}

export interface PortalAppointment {
  id: string;
  /** ISO-8601 start, with offset. */
  start: string;
  status: string;
  description: string;
  practitioner: string;
}

export interface PortalAccessLogEntry {
  time: number;
  requestId: string;
  /** Short key of the session (first 8 hex), never the cookie value itself. */
  session?: string;
  sourceIp: string;
  userAgent?: string;
  patientId?: string;
  method: string;
  path: string;
  status: number;
}

export type PortalAccessLogField = keyof PortalAccessLogEntry;

/** A written line: any field named in `omitFields` is absent, so readers must not assume one. */
export type PortalAccessLogLine = Partial<PortalAccessLogEntry>;

export interface PortalConfig {
  /**
   * Whether `POST /portal/logout` ends the session on the server (default true). When false the
   * portal only tells the browser to drop the cookie, so a copied cookie keeps working: the leak.
   */
  invalidateOnLogout: boolean;
  /**
   * Automatic logoff after inactivity, 164.312(a)(2)(iii) (default 15 minutes). `null` means
   * sessions never expire: the leak.
   */
  idleTimeoutMs: number | null;
  accessLog: {
    /** The portal's own audit trail, 164.312(b) (default true); a drill may switch it off. */
    enabled: boolean;
    /** Entry fields left out of every logged line (default none). */
    omitFields: PortalAccessLogField[];
  };
}

export interface PortalSession {
  /** The cookie value: an opaque 64-hex secret. */
  id: string;
  patientId: string;
  createdAt: number;
  lastSeenAt: number;
  /** When the patient asked to log out, whether or not the server ended the session. */
  loggedOutAt?: number;
  terminatedAt?: number;
  expiredAt?: number;
  /** When the server stopped honouring the session (logout, termination or expiry). */
  endedAt?: number;
  sourceIp: string;
  userAgent?: string;
}

export interface PortalState {
  readonly sessions: Map<string, PortalSession>;
  config: PortalConfig;
  readonly accessLog: PortalAccessLogLine[];
  /**
   * Containment: ends a session on the server. Takes the session id or its short key (what a
   * responder sees in logs). Returns whether a live session was ended.
   */
  terminate(sessionId: string, by: string): boolean;
}

export const PORTAL_COOKIE = 'portal_session';
export const PORTAL_IDLE_TIMEOUT_MS = 15 * 60_000;

export function defaultPortalConfig(): PortalConfig {
  return {
    invalidateOnLogout: true,
    idleTimeoutMs: PORTAL_IDLE_TIMEOUT_MS,
    accessLog: { enabled: true, omitFields: [] },
  };
}
