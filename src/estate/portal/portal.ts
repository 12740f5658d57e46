import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { type Caller, callerOf } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { analyticsEgress } from './analytics-egress.ts';
import { createFinder } from './finder.ts';
import { FINDER_PATH } from './finder-pages.ts';
import { appointmentsPage, loginPage } from './pages.ts';
import { createPortalRecorder } from './recorder.ts';
import {
  clearSessionCookie,
  newSessionId,
  sessionCookieOf,
  sessionKey,
  setSessionCookie,
} from './session-id.ts';
import { createMemorySessionStore, type SessionStore } from './session-store.ts';
import {
  defaultPortalConfig,
  type PortalConfig,
  type PortalDirectory,
  type PortalSession,
  type PortalState,
} from './types.ts';

export type PortalOptions = Partial<Omit<PortalConfig, 'accessLog'>> & {
  accessLog?: Partial<PortalConfig['accessLog']>;
  /** Where sessions live (default: in memory). */
  sessionStore?: SessionStore;
};

export interface Portal {
  state: PortalState;
  handlers: RequestHandler[];
}

/** What one request did, so the access log and telemetry can describe it after the fact. */
interface Handled {
  response: Response;
  key?: string;
  patientId?: string;
}

interface Resolved {
  session?: PortalSession;
  /** Short key of whatever cookie was presented, live or not. */
  key?: string;
}

const VIEW_FIELDS = ['name'];
const APPOINTMENT_FIELDS = [
  'appointment.start',
  'appointment.description',
  'appointment.practitioner',
  'appointment.status',
];

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function redirect(request: Request, path: string, cookie?: string): Response {
  const headers = new Headers({ location: new URL(path, new URL(request.url).origin).href });
  if (cookie) headers.append('set-cookie', cookie);
  return new HttpResponse(null, { status: 303, headers });
}

/**
 * The patient portal: a login form, a page of upcoming appointments (PHI) and logout, with the
 * session controls a drill can weaken (server-side logout, idle timeout, the access log).
 */
export function createPortal(
  ctx: EstateContext,
  directory: PortalDirectory,
  options: PortalOptions = {},
): Portal {
  const defaults = defaultPortalConfig();
  const { sessionStore, ...configured } = options;
  const sessions = sessionStore ?? createMemorySessionStore();
  const displayNames = new Map<string, string>();
  const state: PortalState = {
    sessions,
    config: { ...defaults, ...configured, accessLog: { ...defaults.accessLog, ...configured.accessLog } },
    accessLog: [],
    egressLog: [],
    terminate: (sessionId, by) => terminate(sessionId, by),
  };
  const recorder = createPortalRecorder(ctx, state);
  const finder = createFinder(ctx, state, directory, recorder);

  function terminate(sessionId: string, by: string): boolean {
    const session =
      sessions.get(sessionId) ?? [...sessions.values()].find((one) => sessionKey(one.id) === sessionId);
    const live = session !== undefined && session.endedAt === undefined;
    if (live) {
      session.terminatedAt = ctx.clock.now();
      session.endedAt = session.terminatedAt;
      sessions.save(session);
    }
    recorder.terminated(session, sessionId, by, live);
    return live;
  }

  function resolve(request: Request, caller: Caller): Resolved {
    const id = sessionCookieOf(request);
    if (id === undefined) return {};
    const key = sessionKey(id);
    const session = sessions.get(id);
    if (!session || session.endedAt !== undefined) return { key };
    const now = ctx.clock.now();
    const idle = state.config.idleTimeoutMs;
    if (idle !== null && now - session.lastSeenAt > idle) {
      session.expiredAt = now;
      session.endedAt = now;
      sessions.save(session);
      recorder.emit(request, caller, 303, 'portal.session.expired', 'denied', {
        key,
        patientId: session.patientId,
        detail: { idleMs: now - session.lastSeenAt, idleTimeoutMs: idle },
      });
      return { key };
    }
    session.lastSeenAt = now;
    sessions.save(session);
    return { session, key };
  }

  async function login(request: Request, caller: Caller): Promise<Handled> {
    const form = new URLSearchParams(await request.text());
    const username = form.get('username') ?? '';
    const found = username ? directory.findLogin(username) : undefined;
    const password = form.get('password') ?? '';
    if (!found || !timingSafeEqual(digest(found.password), digest(password))) {
      const response = HttpResponse.html(loginPage('Username or password is incorrect.'), { status: 401 });
      recorder.emit(request, caller, 401, 'portal.login.failed', 'failure', { detail: { username } });
      return { response };
    }
    const now = ctx.clock.now();
    const session: PortalSession = {
      id: newSessionId(ctx),
      patientId: found.patientId,
      createdAt: now,
      lastSeenAt: now,
      sourceIp: caller.sourceIp,
      userAgent: caller.userAgent,
    };
    sessions.save(session);
    displayNames.set(found.patientId, found.displayName);
    const key = sessionKey(session.id);
    recorder.emit(request, caller, 303, 'portal.login', 'success', { key, patientId: session.patientId });
    const response = redirect(request, '/portal/appointments', setSessionCookie(session.id));
    return { response, key, patientId: session.patientId };
  }

  async function appointments(request: Request, caller: Caller): Promise<Handled> {
    const { session, key } = resolve(request, caller);
    if (!session) {
      recorder.emit(request, caller, 303, 'portal.view', 'denied', { key });
      return { response: redirect(request, '/portal/login'), key };
    }
    const now = ctx.clock.now();
    const upcoming = directory
      .appointmentsFor(session.patientId)
      .filter((appointment) => Date.parse(appointment.start) >= now)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const fields = upcoming.length > 0 ? [...VIEW_FIELDS, ...APPOINTMENT_FIELDS] : VIEW_FIELDS;
    recorder.emit(request, caller, 200, 'portal.view', 'success', {
      key,
      patientId: session.patientId,
      fields,
      rows: upcoming.length,
    });
    const response = HttpResponse.html(
      appointmentsPage(displayNames.get(session.patientId) ?? session.patientId, upcoming),
    );
    response.headers.set('cache-control', 'no-store');
    return { response, key, patientId: session.patientId };
  }

  async function logout(request: Request, caller: Caller): Promise<Handled> {
    const { session, key } = resolve(request, caller);
    const response = redirect(request, '/portal/login', clearSessionCookie());
    if (!session) {
      recorder.emit(request, caller, 303, 'portal.logout', 'failure', { key });
      return { response, key };
    }
    session.loggedOutAt = ctx.clock.now();
    if (state.config.invalidateOnLogout) session.endedAt = session.loggedOutAt;
    sessions.save(session);
    recorder.emit(request, caller, 303, 'portal.logout', 'success', { key, patientId: session.patientId });
    return { response, key, patientId: session.patientId };
  }

  function route(handle: (request: Request, caller: Caller) => Promise<Handled>) {
    return async ({ request }: { request: Request }) => {
      const caller = callerOf(request);
      const handled = await handle(request, caller);
      recorder.access(request, caller, handled.response.status, handled.key, handled.patientId);
      return handled.response;
    };
  }

  const handlers: RequestHandler[] = [
    http.get(
      '*/portal/login',
      route(async () => ({ response: HttpResponse.html(loginPage()) })),
    ),
    http.post('*/portal/login', route(login)),
    http.get('*/portal/appointments', route(appointments)),
    http.post('*/portal/logout', route(logout)),
    http.get(`*${FINDER_PATH}`, route(finder.get)),
    http.post(`*${FINDER_PATH}`, route(finder.post)),
    analyticsEgress(ctx, state),
  ];
  return { state, handlers };
}
