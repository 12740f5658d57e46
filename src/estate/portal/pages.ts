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

const STYLE = `body{font-family:sans-serif;margin:0;color:#111;background:#fff}
main{max-width:48rem;margin:0 auto;padding:1rem}
.synthetic{margin:0;padding:.4rem 1rem;background:#fff3bf;color:#111;font-weight:bold}
nav ul{display:flex;gap:1rem;list-style:none;padding:0}
label{display:block;margin-top:.6rem}
table{border-collapse:collapse}td,th{border:1px solid #555;padding:.2rem .5rem}`;

/** Every page says it holds synthetic data, so no screenshot of it can pass for a real chart. */
export const SYNTHETIC_BANNER =
  '<p class="synthetic" role="note">SYNTHETIC DATA: simulated patient portal (phi-drill); no real patient</p>';

/** A whole page; `nav` and `tail` (scripts, tags) go around the body. */
export function page(title: string, body: string, parts: { nav?: string; tail?: string } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Patient Portal</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
${SYNTHETIC_BANNER}
${parts.nav ?? ''}
</header>
<main>
${body}
</main>
${parts.tail ?? ''}
</body>
</html>
`;
}

/**
 * "Welcome back" from the profile a signed-in page cached on this device (when the portal caches
 * one): whoever sits down next sees the previous patient's name, MRN and date of birth.
 */
const REMEMBERED_PROFILE = `<p id="remembered" hidden></p>
<script>(function(){var held=localStorage.getItem('portal.profile');if(!held)return;try{var p=JSON.parse(held);
var shown=document.getElementById('remembered');shown.textContent='Welcome back, '+p.name+' (MRN '+p.mrn+', born '+p.dob+'). Not you? Sign in below.';shown.hidden=false;}catch(e){}})();</script>`;

export function loginPage(error?: string, rememberProfile = false): string {
  const alert = error ? `<p role="alert" id="login-error">${escapeHtml(error)}</p>\n` : '';
  const remembered = rememberProfile ? `${REMEMBERED_PROFILE}\n` : '';
  return page(
    'Sign in',
    `<h1>Sign in to your patient portal</h1>
${remembered}${alert}<form method="post" action="/portal/login">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** The second sign-in step: the challenge id rides in the form, the code is typed by the patient. */
export function mfaPage(challenge: string, error?: string): string {
  const alert = error ? `<p role="alert" id="login-error">${escapeHtml(error)}</p>\n` : '';
  return page(
    'Verification code',
    `<h1>Enter your verification code</h1>
${alert}<p>Open your authenticator app and type the six-digit code it shows for the patient portal.</p>
<form method="post" action="/portal/login/mfa">
<input type="hidden" name="challenge" value="${escapeHtml(challenge)}">
<label for="code">Verification code</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required>
<button type="submit">Verify</button>
</form>`,
  );
}

export function helpPage(): string {
  return page(
    'Help',
    '<h1>Help</h1>\n<p>Call the clinic front desk for help with the portal.</p>\n<p><a href="/portal/login">Back to sign in</a></p>',
  );
}
