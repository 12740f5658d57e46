import { ANALYTICS_TAG } from './analytics-egress.ts';
import { CLIENT_EVENTS_PATH } from './client-events.ts';
import { escapeHtml, page } from './pages.ts';
import type { PortalAppointment, PortalConfig, PortalRecord } from './types.ts';

/** Who is signed in, as the pages show them. */
export interface PatientView {
  patientId: string;
  displayName: string;
  record?: PortalRecord;
}

/** Where "Lab results" points: with PHI in the URL switched on, the link names the patient. */
export function resultsHref(view: PatientView, config: PortalConfig): string {
  if (!config.phiInUrl || !view.record) return '/portal/results';
  const query = new URLSearchParams({
    mrn: view.record.mrn,
    name: view.displayName,
    dob: view.record.birthDate,
  });
  return `/portal/results?${query}`;
}

export function portalNav(view: PatientView, config: PortalConfig): string {
  return `<nav aria-label="Portal">
<ul>
<li><a href="/portal/home">Home</a></li>
<li><a href="/portal/appointments">Appointments</a></li>
<li><a href="/portal/messages">Messages</a></li>
<li><a href="${escapeHtml(resultsHref(view, config))}">Lab results</a></li>
<li><a href="/portal/emergency-contact">Emergency contact</a></li>
<li><form method="post" action="/portal/logout"><button type="submit">Sign out</button></form></li>
</ul>
</nav>`;
}

/**
 * The analytics tag, and (when the weakness is on) the profile cache a shared device keeps. The cache
 * script is also where the portal's client error beacon notices a profile cached for someone other
 * than the patient signed in: what an earlier patient left on this device.
 */
function tail(view: PatientView, config: PortalConfig, cacheProfile = false): string {
  const parts = config.finder.analyticsTag ? [ANALYTICS_TAG] : [];
  if (cacheProfile && config.localStoragePhi && view.record) {
    const profile = JSON.stringify({
      id: view.patientId,
      name: view.displayName,
      mrn: view.record.mrn,
      dob: view.record.birthDate,
    }).replace(/</g, '\\u003c');
    parts.push(`<script>(function(){var now=${profile};var held=localStorage.getItem('portal.profile');
if(held){try{var was=JSON.parse(held);if(was.id!==now.id)navigator.sendBeacon('${CLIENT_EVENTS_PATH}',JSON.stringify({type:'stale-profile',cachedPatient:String(was.id)}));}catch(e){}}
localStorage.setItem('portal.profile',JSON.stringify(now));})();</script>`);
  }
  return parts.join('\n');
}

function signedIn(
  title: string,
  body: string,
  view: PatientView,
  config: PortalConfig,
  cacheProfile = false,
) {
  return page(title, body, { nav: portalNav(view, config), tail: tail(view, config, cacheProfile) });
}

export function homePage(view: PatientView, config: PortalConfig, next?: PortalAppointment): string {
  const upcoming = next
    ? `<p>Your next appointment: <time datetime="${escapeHtml(next.start)}">${escapeHtml(next.start.replace('T', ' '))}</time> with ${escapeHtml(next.practitioner)}.</p>`
    : '<p>You have no upcoming appointments.</p>';
  const mrn = view.record ? `<p>Medical record number: ${escapeHtml(view.record.mrn)}</p>` : '';
  return signedIn(
    'Home',
    `<h1>Welcome, ${escapeHtml(view.displayName)}</h1>\n${mrn}\n${upcoming}`,
    view,
    config,
    true,
  );
}

export function appointmentsPage(
  view: PatientView,
  config: PortalConfig,
  appointments: readonly PortalAppointment[],
  booked = false,
): string {
  const rows = appointments
    .map(
      (appointment) => `<tr>
<td><time datetime="${escapeHtml(appointment.start)}">${escapeHtml(appointment.start.replace('T', ' '))}</time></td>
<td>${escapeHtml(appointment.description)}</td>
<td>${escapeHtml(appointment.practitioner)}</td>
<td>${escapeHtml(appointment.status)}</td>
</tr>`,
    )
    .join('\n');
  const table =
    appointments.length === 0
      ? '<p>You have no upcoming appointments.</p>'
      : `<table>
<caption>Upcoming appointments</caption>
<thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">With</th><th scope="col">Status</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  const notice = booked ? '<p role="status">Your request was sent; the clinic will confirm it.</p>\n' : '';
  return signedIn(
    'Your appointments',
    `<h1>Welcome, ${escapeHtml(view.displayName)}</h1>
${notice}${table}
<p><a href="/portal/appointments/book">Request an appointment</a></p>`,
    view,
    config,
  );
}

export function bookingPage(view: PatientView, config: PortalConfig): string {
  return signedIn(
    'Request an appointment',
    `<h1>Request an appointment</h1>
<form method="post" action="/portal/appointments/book">
<label for="reason">Reason for visit</label>
<input id="reason" name="reason" required>
<label for="date">Preferred date</label>
<input id="date" name="date" type="date" required>
<button type="submit">Send request</button>
</form>`,
    view,
    config,
  );
}

export function resultsPage(view: PatientView, config: PortalConfig): string {
  const results = view.record?.results ?? [];
  const rows = results
    .map(
      (result) =>
        `<tr><td>${escapeHtml(result.date)}</td><td>${escapeHtml(result.test)}</td><td>${escapeHtml(result.value)}</td></tr>`,
    )
    .join('\n');
  const body =
    results.length === 0
      ? '<p>No results yet.</p>'
      : `<table>\n<caption>Results for ${escapeHtml(view.displayName)}</caption>\n<thead><tr><th scope="col">Date</th><th scope="col">Test</th><th scope="col">Result</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
  return signedIn('Lab results', `<h1>Lab results</h1>\n${body}`, view, config);
}

export function messagesPage(view: PatientView, config: PortalConfig): string {
  const messages = view.record?.messages ?? [];
  const items = messages
    .map(
      (message) =>
        `<article>\n<h2>${escapeHtml(message.subject)}</h2>\n<p>From ${escapeHtml(message.from)}, ${escapeHtml(message.date)}</p>\n<p>${escapeHtml(message.body)}</p>\n</article>`,
    )
    .join('\n');
  return signedIn('Messages', `<h1>Secure messages</h1>\n${items || '<p>No messages.</p>'}`, view, config);
}
