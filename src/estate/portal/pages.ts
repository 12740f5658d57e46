import type { PortalAppointment } from './types.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Patient Portal</title>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function loginPage(error?: string): string {
  const alert = error ? `<p role="alert" id="login-error">${escapeHtml(error)}</p>\n` : '';
  return page(
    'Sign in',
    `<h1>Sign in to your patient portal</h1>
${alert}<form method="post" action="/portal/login">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function appointmentsPage(displayName: string, appointments: readonly PortalAppointment[]): string {
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
  return page(
    'Your appointments',
    `<h1>Welcome, ${escapeHtml(displayName)}</h1>
${table}
<form method="post" action="/portal/logout"><button type="submit">Sign out</button></form>`,
  );
}
