import { HttpResponse } from 'msw';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { EMERGENCY_CONTACT_PATH, emergencyContactPage } from './emergency-contact-page.ts';
import {
  appointmentsPage,
  bookingPage,
  homePage,
  messagesPage,
  type PatientView,
  portalNav,
  resultsPage,
} from './patient-pages.ts';
import type { createPortalRecorder } from './recorder.ts';
import type { PortalAppointment, PortalDirectory, PortalSession, PortalState } from './types.ts';

type Recorder = ReturnType<typeof createPortalRecorder>;

/** A signed-in page: its HTML and the PHI fields it showed (for telemetry). */
interface Shown {
  html: string;
  fields: string[];
  rows?: number;
  status?: number;
}

export type PatientPage = (request: Request, session: PortalSession, view: PatientView) => Promise<Shown>;

const APPOINTMENT_FIELDS = [
  'appointment.start',
  'appointment.description',
  'appointment.practitioner',
  'appointment.status',
];

/** The pages a signed-in patient opens; each is a pure render plus what it disclosed. */
export function createPatientPages(ctx: EstateContext, state: PortalState, directory: PortalDirectory) {
  function upcoming(patientId: string): PortalAppointment[] {
    const now = ctx.clock.now();
    return directory
      .appointmentsFor(patientId)
      .filter((appointment) => Date.parse(appointment.start) >= now)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  const pages: Record<string, PatientPage> = {
    async home(_request, session, view) {
      const next = upcoming(session.patientId)[0];
      return {
        html: homePage(view, state.config, next),
        fields: ['name', 'mrn', ...(next ? ['appointment.start', 'appointment.practitioner'] : [])],
      };
    },
    async appointments(request, session, view) {
      const list = upcoming(session.patientId);
      const booked = new URL(request.url).searchParams.get('requested') === '1';
      return {
        html: appointmentsPage(view, state.config, list, booked),
        fields: list.length > 0 ? ['name', ...APPOINTMENT_FIELDS] : ['name'],
        rows: list.length,
      };
    },
    async booking(_request, _session, view) {
      return { html: bookingPage(view, state.config), fields: [] };
    },
    async results(_request, _session, view) {
      const rows = view.record?.results.length ?? 0;
      return {
        html: resultsPage(view, state.config),
        fields: rows > 0 ? ['name', 'observation.value'] : ['name'],
        rows,
      };
    },
    async messages(_request, _session, view) {
      const rows = view.record?.messages.length ?? 0;
      return { html: messagesPage(view, state.config), fields: rows > 0 ? ['message.body'] : [], rows };
    },
    async emergencyContact(request, _session, view) {
      const nav = portalNav(view, state.config);
      if (request.method !== 'POST') return { html: emergencyContactPage(state.config, nav), fields: [] };
      const form = new URLSearchParams(await request.text());
      const name = form.get('contactName')?.trim() ?? '';
      if (name === '') return { html: emergencyContactPage(state.config, nav), fields: [], status: 422 };
      return { html: emergencyContactPage(state.config, nav, name), fields: ['emergencyContact.name'] };
    },
  };

  /** Serves one page to a resolved session, with the posture's cache and telemetry. */
  async function serve(
    request: Request,
    caller: Caller,
    recorder: Recorder,
    session: PortalSession,
    key: string | undefined,
    show: PatientPage,
    view: PatientView,
  ): Promise<Response> {
    const shown = await show(request, session, view);
    const status = shown.status ?? 200;
    recorder.emit(request, caller, status, 'portal.view', status < 400 ? 'success' : 'failure', {
      key,
      patientId: session.patientId,
      fields: shown.fields,
      rows: shown.rows,
    });
    const response = HttpResponse.html(shown.html, { status });
    // Without no-store a browser may keep the page and show it again from its cache (back button).
    response.headers.set('cache-control', state.config.noStore ? 'no-store' : 'private, max-age=3600');
    return response;
  }

  return { pages, serve, paths: { emergencyContact: EMERGENCY_CONTACT_PATH } };
}
