import type { SessionStore } from './session-store.ts';

/** Where the portal looks people up; the estate wires it to the EHR's synthetic population. */
export interface PortalDirectory {
  findLogin(
    username: string,
  ): { patientId: string; password: string; displayName: string; totpSecret: string } | undefined;
  appointmentsFor(patientId: string): PortalAppointment[];
  /**
   * The patient a "find my appointment" search names, when full name, date of birth and MRN all
   * agree. A portal without it answers every search with "not found".
   */
  findByIdentity?(identity: { name: string; birthDate: string; mrn: string }): string | undefined;
  /** What the patient's own pages show beyond appointments; a portal without it shows none. */
  recordFor?(patientId: string): PortalRecord | undefined;
}

/** The synthetic chart a signed-in patient sees: identifiers, results, messages. */
export interface PortalRecord {
  mrn: string;
  birthDate: string;
  results: Array<{ id: string; date: string; test: string; value: string }>;
  messages: Array<{ id: string; date: string; from: string; subject: string; body: string }>;
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
  /** The query string as requested (`?name=…`), as a web server's combined log writes the request line. */
  query?: string;
  status: number;
}

/** A page-view hit the portal's analytics tag sent off-site, as the egress record keeps it. */
export interface PortalEgressEntry {
  time: number;
  requestId: string;
  /** Third-party host the hit went to (`analytics.example.net`). */
  host: string;
  /** Path and query of the hit itself; analytics tags copy the page address into it (`dl=`). */
  uri: string;
  /** The page the hit came from, as the browser sent it in the Referer header. */
  referer?: string;
  sourceIp: string;
  userAgent?: string;
}

export type PortalAccessLogField = keyof PortalAccessLogEntry;

/** A written line: any field named in `omitFields` is absent, so readers must not assume one. */
export type PortalAccessLogLine = Partial<PortalAccessLogEntry>;

/** Cookie attributes of the session cookie (what a browser is told to protect it with). */
export interface PortalCookieConfig {
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
  path: string;
}

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
  /**
   * A second sign-in step (default 'off'): with 'totp' the password leads to a page asking for the
   * six-digit code (RFC 6238) from the patient's authenticator, whose synthetic secret the estate
   * hands its own drivers (`credentials.portal.loginFor(i).totpSecret`).
   */
  mfa: 'off' | 'totp';
  /** Hard cap on a session's life however active it is (default 12 h); `null` means none: the leak. */
  absoluteLifetimeMs: number | null;
  /**
   * Whether signing in issues a new session id (default true). When false the anonymous id the
   * sign-in page handed out becomes the signed-in session: session fixation.
   */
  rotateOnSignIn: boolean;
  /** Session cookie attributes (default Secure, HttpOnly, SameSite=Lax, Path=/portal). */
  cookie: PortalCookieConfig;
  /** `Cache-Control: no-store` on pages with PHI (default true); off, the back button shows them. */
  noStore: boolean;
  /**
   * Whether links to results carry the patient's MRN, name and date of birth in the query string
   * (default false): they land in history, logs and the analytics tag's hit.
   */
  phiInUrl: boolean;
  /** `Referrer-Policy` on every page (default `same-origin`); `unsafe-url` hands third parties the full URL. */
  referrerPolicy: 'same-origin' | 'strict-origin-when-cross-origin' | 'unsafe-url';
  /** Whether the dashboard caches the patient's profile in `localStorage` and leaves it after sign-out (default false). */
  localStoragePhi: boolean;
  /**
   * Whether the signed-out pages (the sign-in page and the answer to sign-out) send
   * `Clear-Site-Data: "storage"` (default false), so the next load on a device wipes what earlier
   * patients left in its `localStorage`: the responder's switch for that leak.
   */
  clearSiteData: boolean;
  /** Whether sensitive identifier fields let the browser remember what was typed (default false). */
  autocompleteSensitive: boolean;
  /** Whether the emergency-contact form has unlabelled inputs and a mouse-only save control (default false). */
  accessibilityFaults: boolean;
  accessLog: {
    /** The portal's own audit trail, 164.312(b) (default true); a drill may switch it off. */
    enabled: boolean;
    /** Entry fields left out of every logged line (default none). */
    omitFields: PortalAccessLogField[];
  };
  /** The public "find my appointment" page, where a patient types name, date of birth and MRN. */
  finder: {
    /**
     * How its form submits (default 'post'). 'get' puts the identifiers in the URL, so they reach
     * the access log, browser history and the Referer of every later request: the leak.
     */
    method: 'post' | 'get';
    /** Whether its pages carry the third-party analytics tag (default true). */
    analyticsTag: boolean;
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
  readonly sessions: SessionStore;
  config: PortalConfig;
  readonly accessLog: PortalAccessLogLine[];
  /** Hits the analytics tag sent to third parties. */
  readonly egressLog: PortalEgressEntry[];
  /**
   * Containment: ends a session on the server. Takes the session id or its short key (what a
   * responder sees in logs). Returns whether a live session was ended.
   */
  terminate(sessionId: string, by: string): boolean;
  /**
   * Containment: stops caching profiles in `localStorage` and has every device's next signed-out
   * page load clear the portal's storage (`clearSiteData`). Recorded as a responder action.
   */
  clearDeviceStorage(by: string): void;
}

export const PORTAL_COOKIE = 'portal_session';
export const PORTAL_IDLE_TIMEOUT_MS = 15 * 60_000;
export const PORTAL_ABSOLUTE_LIFETIME_MS = 12 * 3_600_000;

export function defaultPortalConfig(): PortalConfig {
  return {
    invalidateOnLogout: true,
    mfa: 'off',
    idleTimeoutMs: PORTAL_IDLE_TIMEOUT_MS,
    absoluteLifetimeMs: PORTAL_ABSOLUTE_LIFETIME_MS,
    rotateOnSignIn: true,
    cookie: { secure: true, httpOnly: true, sameSite: 'Lax', path: '/portal' },
    noStore: true,
    phiInUrl: false,
    referrerPolicy: 'same-origin',
    localStoragePhi: false,
    clearSiteData: false,
    autocompleteSensitive: false,
    accessibilityFaults: false,
    accessLog: { enabled: true, omitFields: [] },
    finder: { method: 'post', analyticsTag: true },
  };
}
