import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { type Caller, callerOf } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { analyticsEgress } from './analytics-egress.ts';
import { CLIENT_EVENTS_PATH, createClientEvents } from './client-events.ts';
import { createFinder } from './finder.ts';
import { FINDER_PATH } from './finder-pages.ts';
import { createMfaStep } from './mfa.ts';
import { helpPage, loginPage } from './pages.ts';
import { createPatientPages, type PatientPage } from './patient-routes.ts';
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
  /** Where sessions live (default: in this process's memory). */
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

/** Where a device lands signed out: what `clearSiteData` wipes storage on. */
const SIGNED_OUT_PAGES = new Set(['GET /portal/login', 'POST /portal/logout']);

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
  const { sessionStore, ...posture } = options;
  const sessions = sessionStore ?? createMemorySessionStore();
  const displayNames = new Map<string, string>();
  // Ids the sign-in page handed to browsers not yet signed in (what session fixation reuses).
  const anonymousIds = new Set<string>();
  const state: PortalState = {
    sessions,
    config: { ...defaults, ...posture, accessLog: { ...defaults.accessLog, ...posture.accessLog } },
    accessLog: [],
    egressLog: [],
    terminate: (sessionId, by) => terminate(sessionId, by),
    clearDeviceStorage: (by) => {
      state.config.localStoragePhi = false;
      state.config.clearSiteData = true;
      recorder.storageCleared(by);
    },
  };
  const recorder = createPortalRecorder(ctx, state);
  const finder = createFinder(ctx, state, directory, recorder);
  const patientPages = createPatientPages(ctx, state, directory);
  const clientEvents = createClientEvents(state, directory, recorder);
  const mfa = createMfaStep(ctx, recorder, (request) => redirect(request, '/portal/login'));

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
    const lifetime = state.config.absoluteLifetimeMs;
    const idleOver = idle !== null && now - session.lastSeenAt > idle;
    if (idleOver || (lifetime !== null && now - session.createdAt > lifetime)) {
      session.expiredAt = now;
      session.endedAt = now;
      sessions.save(session);
      recorder.emit(request, caller, 303, 'portal.session.expired', 'denied', {
        key,
        patientId: session.patientId,
        detail: idleOver
          ? { idleMs: now - session.lastSeenAt, idleTimeoutMs: idle }
          : { ageMs: now - session.createdAt, absoluteLifetimeMs: lifetime ?? 0 },
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
    if (state.config.mfa === 'totp') return { response: mfa.challenge(request, caller, found) };
    return startSession(request, caller, found);
  }

  async function secondStep(request: Request, caller: Caller): Promise<Handled> {
    const proved = await mfa.verify(request, caller);
    return 'found' in proved ? startSession(request, caller, proved.found) : proved;
  }

  function startSession(
    request: Request,
    caller: Caller,
    found: NonNullable<ReturnType<PortalDirectory['findLogin']>>,
  ): Handled {
    const now = ctx.clock.now();
    const presented = sessionCookieOf(request);
    const fixated = !state.config.rotateOnSignIn && presented !== undefined && anonymousIds.has(presented);
    if (presented !== undefined) anonymousIds.delete(presented);
    const session: PortalSession = {
      id: fixated ? presented : newSessionId(ctx),
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
    const response = redirect(request, '/portal/home', setSessionCookie(session.id, state.config.cookie));
    return { response, key, patientId: session.patientId };
  }

  /** The sign-in form; a browser without a session gets an anonymous id (rotated away on sign-in). */
  async function loginForm(request: Request): Promise<Handled> {
    const response = HttpResponse.html(loginPage(undefined, state.config.localStoragePhi));
    const presented = sessionCookieOf(request);
    if (presented !== undefined) return { response, key: sessionKey(presented) };
    const id = newSessionId(ctx);
    anonymousIds.add(id);
    response.headers.append('set-cookie', setSessionCookie(id, state.config.cookie));
    return { response, key: sessionKey(id) };
  }

  function signedIn(show: PatientPage) {
    return async (request: Request, caller: Caller): Promise<Handled> => {
      const { session, key } = resolve(request, caller);
      if (!session) {
        recorder.emit(request, caller, 303, 'portal.view', 'denied', { key });
        return { response: redirect(request, '/portal/login'), key };
      }
      const view = {
        patientId: session.patientId,
        displayName: displayNames.get(session.patientId) ?? session.patientId,
        record: directory.recordFor?.(session.patientId),
      };
      const response = await patientPages.serve(request, caller, recorder, session, key, show, view);
      return { response, key, patientId: session.patientId };
    };
  }

  async function book(request: Request, caller: Caller): Promise<Handled> {
    const { session, key } = resolve(request, caller);
    if (!session) return { response: redirect(request, '/portal/login'), key };
    const form = new URLSearchParams(await request.text());
    recorder.emit(request, caller, 303, 'portal.appointment.request', 'success', {
      key,
      patientId: session.patientId,
      detail: { preferredDate: form.get('date') ?? '' },
    });
    return {
      response: redirect(request, '/portal/appointments?requested=1'),
      key,
      patientId: session.patientId,
    };
  }

  async function logout(request: Request, caller: Caller): Promise<Handled> {
    const { session, key } = resolve(request, caller);
    const response = redirect(request, '/portal/login', clearSessionCookie(state.config.cookie));
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
      handled.response.headers.set('referrer-policy', state.config.referrerPolicy);
      if (
        state.config.clearSiteData &&
        SIGNED_OUT_PAGES.has(`${request.method} ${new URL(request.url).pathname}`)
      ) {
        handled.response.headers.set('clear-site-data', '"storage"');
      }
      recorder.access(request, caller, handled.response.status, handled.key, handled.patientId);
      return handled.response;
    };
  }

  const handlers: RequestHandler[] = [
    http.get('*/portal/login', route(loginForm)),
    http.post('*/portal/login', route(login)),
    http.post('*/portal/login/mfa', route(secondStep)),
    http.get(
      '*/portal/help',
      route(async () => ({ response: HttpResponse.html(helpPage()) })),
    ),
    http.get('*/portal/home', route(signedIn(patientPages.pages.home!))),
    http.get('*/portal/appointments', route(signedIn(patientPages.pages.appointments!))),
    http.get('*/portal/appointments/book', route(signedIn(patientPages.pages.booking!))),
    http.post('*/portal/appointments/book', route(book)),
    http.get('*/portal/results', route(signedIn(patientPages.pages.results!))),
    http.get('*/portal/messages', route(signedIn(patientPages.pages.messages!))),
    http.get(
      `*${patientPages.paths.emergencyContact}`,
      route(signedIn(patientPages.pages.emergencyContact!)),
    ),
    http.post(
      `*${patientPages.paths.emergencyContact}`,
      route(signedIn(patientPages.pages.emergencyContact!)),
    ),
    http.post('*/portal/logout', route(logout)),
    http.post(`*${CLIENT_EVENTS_PATH}`, route(clientEvents)),
    http.get(`*${FINDER_PATH}`, route(finder.get)),
    http.post(`*${FINDER_PATH}`, route(finder.post)),
    analyticsEgress(ctx, state),
  ];
  return { state, handlers };
}
