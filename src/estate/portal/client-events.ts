import { HttpResponse } from 'msw';
import type { Caller } from '../caller.ts';
import { jsonResponse } from '../string-response.ts';
import type { createPortalRecorder } from './recorder.ts';
import { sessionCookieOf, sessionKey } from './session-id.ts';
import type { PortalDirectory, PortalState } from './types.ts';

/** Where the portal's pages send their client error beacons (`navigator.sendBeacon`). */
export const CLIENT_EVENTS_PATH = '/portal/client-events';

type Recorder = ReturnType<typeof createPortalRecorder>;

/** A client event as the pages' script sends it: a type and an opaque patient reference, never PHI. */
function parseClientEvent(text: string): { type: 'stale-profile'; cachedPatient: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { type, cachedPatient, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || type !== 'stale-profile') return undefined;
  if (typeof cachedPatient !== 'string' || cachedPatient === '' || cachedPatient.length > 100)
    return undefined;
  return { type, cachedPatient };
}

/**
 * The client error beacon: the dashboard's script reports a profile in `localStorage` that belongs
 * to someone other than the patient signed in, i.e. a previous patient's PHI left on this device.
 * The portal writes it to its application log (telemetry) with both patients; it changes nothing.
 */
export function createClientEvents(state: PortalState, directory: PortalDirectory, recorder: Recorder) {
  return async (request: Request, caller: Caller) => {
    const event = parseClientEvent(await request.text());
    if (!event || directory.recordFor?.(event.cachedPatient) === undefined) {
      return { response: jsonResponse({ error: 'unknown client event' }, { status: 400 }) };
    }
    const id = sessionCookieOf(request);
    const session = id === undefined ? undefined : state.sessions.get(id);
    const live = session !== undefined && session.endedAt === undefined ? session : undefined;
    const key = id === undefined ? undefined : sessionKey(id);
    recorder.emit(request, caller, 204, 'portal.client.stale-profile', 'success', {
      key,
      patientId: live?.patientId,
      detail: { cachedPatient: event.cachedPatient },
    });
    return { response: new HttpResponse(null, { status: 204 }), key, patientId: live?.patientId };
  };
}
