import { ANALYTICS_TAG } from './analytics-egress.ts';
import { escapeHtml, page } from './pages.ts';
import type { PortalAppointment, PortalConfig } from './types.ts';

export const FINDER_PATH = '/portal/appointments/find';

function tagged(body: string, finder: PortalConfig['finder']): string {
  return finder.analyticsTag ? `${body}\n${ANALYTICS_TAG}` : body;
}

/** The public search form; its `method` attribute is what decides where the identifiers travel. */
export function finderPage(finder: PortalConfig['finder']): string {
  return page(
    'Find your appointment',
    tagged(
      `<h1>Find your appointment</h1>
<form method="${finder.method}" action="${FINDER_PATH}">
<label for="name">Full name</label>
<input id="name" name="name" autocomplete="name" required>
<label for="dob">Date of birth</label>
<input id="dob" name="dob" type="date" required>
<label for="mrn">Medical record number</label>
<input id="mrn" name="mrn" required>
<button type="submit">Find</button>
</form>`,
      finder,
    ),
  );
}

export function finderResultsPage(
  appointments: readonly PortalAppointment[],
  finder: PortalConfig['finder'],
): string {
  const items = appointments
    .map(
      (appointment) =>
        `<li><time datetime="${escapeHtml(appointment.start)}">${escapeHtml(appointment.start.replace('T', ' '))}</time> with ${escapeHtml(appointment.practitioner)}</li>`,
    )
    .join('\n');
  const list = appointments.length === 0 ? '<p>No upcoming appointments.</p>' : `<ul>\n${items}\n</ul>`;
  return page('Your appointments', tagged(`<h1>Your upcoming appointments</h1>\n${list}`, finder));
}

export function finderNotFoundPage(finder: PortalConfig['finder']): string {
  return page(
    'Find your appointment',
    tagged(
      '<h1>Find your appointment</h1>\n<p role="alert">We could not find a match. Please call the clinic.</p>',
      finder,
    ),
  );
}
