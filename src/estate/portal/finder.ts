import { HttpResponse } from 'msw';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { finderNotFoundPage, finderPage, finderResultsPage } from './finder-pages.ts';
import type { createPortalRecorder } from './recorder.ts';
import type { PortalDirectory, PortalState } from './types.ts';

type Recorder = ReturnType<typeof createPortalRecorder>;

/** What a finder request did, in the shape the portal's access-log wrapper takes. */
export interface FinderHandled {
  response: Response;
  patientId?: string;
}

const SHOWN_FIELDS = ['appointment.start', 'appointment.practitioner'];

/**
 * "Find my appointment" without signing in: name, date of birth and MRN identify the patient. The
 * form posts by default; with the flow switched to GET the same identifiers arrive in the URL, which
 * the portal honours, so they land wherever URLs are written down.
 */
export function createFinder(
  ctx: EstateContext,
  state: PortalState,
  directory: PortalDirectory,
  recorder: Recorder,
) {
  function search(request: Request, caller: Caller, form: URLSearchParams): FinderHandled {
    const finder = state.config.finder;
    const patientId = directory.findByIdentity?.({
      name: form.get('name') ?? '',
      birthDate: form.get('dob') ?? '',
      mrn: form.get('mrn') ?? '',
    });
    if (patientId === undefined) {
      recorder.emit(request, caller, 404, 'portal.find', 'failure', {});
      return { response: HttpResponse.html(finderNotFoundPage(finder), { status: 404 }) };
    }
    const now = ctx.clock.now();
    const upcoming = directory
      .appointmentsFor(patientId)
      .filter((appointment) => Date.parse(appointment.start) >= now)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    recorder.emit(request, caller, 200, 'portal.find', 'success', {
      patientId,
      fields: upcoming.length > 0 ? SHOWN_FIELDS : [],
      rows: upcoming.length,
    });
    const response = HttpResponse.html(finderResultsPage(upcoming, finder));
    response.headers.set('cache-control', 'no-store');
    return { response, patientId };
  }

  return {
    async get(request: Request, caller: Caller): Promise<FinderHandled> {
      const query = new URL(request.url).searchParams;
      if (query.size === 0) return { response: HttpResponse.html(finderPage(state.config.finder)) };
      if (state.config.finder.method !== 'get') {
        // The identifiers already travelled in the URL; refusing keeps bookmarks and old links from working.
        recorder.emit(request, caller, 405, 'portal.find', 'denied', {});
        return {
          response: HttpResponse.html(finderPage(state.config.finder), {
            status: 405,
            headers: { allow: 'POST' },
          }),
        };
      }
      return search(request, caller, query);
    },
    async post(request: Request, caller: Caller): Promise<FinderHandled> {
      return search(request, caller, new URLSearchParams(await request.text()));
    },
  };
}
