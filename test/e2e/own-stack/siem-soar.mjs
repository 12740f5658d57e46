// Stands in for an organisation's SIEM and SOAR, as a separate process that knows nothing of
// phi-drill's code: it collects JSON telemetry over HTTP, detects from telemetry fields alone, alerts
// through the signed webhook, contains through the estate's own administrator interface (the CRM's
// OauthToken object) and e-mails the privacy office's notice over plain SMTP.
//
// RULE=good | broken   broken: the rule looks for a scope no app has, so it never fires
// ECHO=telemetry | guess   guess: the alert carries the id derived from scenario, inject and seed
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect } from 'node:net';

const env = process.env;
const RULE = env.RULE ?? 'good';
const wantedScope = RULE === 'broken' ? 'modify_all_data' : 'full';
let fired = false;

/** The detection rule: a connected app holding the wanted scope reading 100+ CRM rows in one call. */
function matches(event) {
  return (
    event.system === 'crm' &&
    event.action === 'sf.query' &&
    Array.isArray(event.scopes) &&
    event.scopes.includes(wantedScope) &&
    (event.rows ?? 0) >= 100
  );
}

async function respond(event) {
  const correlation = env.ECHO === 'guess' ? env.GUESSED_ID : event.correlationId;
  const alert = JSON.stringify({
    rule_name: 'CRM bulk read by an over-scoped connected app',
    urgency: 'high',
    correlation,
    detail: `${event.clientApp ?? 'an app'} read ${event.rows} rows as ${event.actor?.id}`,
    // Whose records the call returned, as the telemetry lists them: the privacy office notifies them.
    patients: event.patientIds ?? [],
  });
  const mac = createHmac('sha256', env.PHI_DRILL_WEBHOOK_SECRET).update(alert).digest('hex');
  await fetch(env.WEBHOOK_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-phidrill-signature': `sha256=${mac}` },
    body: alert,
  });
  await contain(event.actor.id);
  await mail(
    'Breach assessment opened: connected app bulk read',
    `Discovered by the SIEM. Correlation ${correlation}. Individual notices within 60 days (45 CFR 164.404(b)).`,
  );
}

/** Signs in as the CRM administrator and deletes every live authorisation of the user the app acted as. */
async function contain(userId) {
  const estate = JSON.parse(await readFile(env.ESTATE_FILE, 'utf8'));
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: estate.responderClientId,
    client_secret: estate.responderClientSecret,
    username: estate.responderUsername,
    password: estate.responderPassword,
  });
  const login = await (
    await fetch(`${estate.url}/services/oauth2/token`, { method: 'POST', body: form })
  ).json();
  const auth = { authorization: `Bearer ${login.access_token}` };
  const soql = `SELECT Id, AppName FROM OauthToken WHERE UserId = '${userId}'`;
  const listed = await (
    await fetch(`${estate.restApi}/query?q=${encodeURIComponent(soql)}`, { headers: auth })
  ).json();
  for (const token of listed.records ?? []) {
    const answer = await fetch(`${estate.restApi}/sobjects/OauthToken/${token.Id}`, {
      method: 'DELETE',
      headers: auth,
    });
    process.stderr.write(`soar: revoked ${token.AppName} (${answer.status})\n`);
  }
}

/** A plain SMTP conversation: one command, one reply, in order. */
function mail(subject, text) {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(env.SMTP_PORT), '127.0.0.1');
    const script = [
      'EHLO soar.clinic.example.org',
      'MAIL FROM:<privacy.office@clinic.example.org>',
      'RCPT TO:<incident-notices@clinic.example.org>',
      'DATA',
      `From: privacy.office@clinic.example.org\r\nTo: incident-notices@clinic.example.org\r\nSubject: ${subject}\r\n\r\n${text}\r\n.`,
      'QUIT',
    ];
    let pending = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      pending += chunk;
      // A reply is complete at a line whose code is followed by a space (multi-line replies use '-').
      while (/^\d{3} .*\r\n/m.test(pending)) {
        const end = pending.search(/^\d{3} .*\r\n/m);
        const line = pending.slice(end).split('\r\n')[0];
        pending = pending.slice(end + line.length + 2);
        if (line.startsWith('4') || line.startsWith('5')) return reject(new Error(`smtp: ${line}`));
        const next = script.shift();
        if (next === undefined) return socket.end();
        socket.write(`${next}\r\n`);
      }
    });
    socket.on('close', resolve);
    socket.on('error', reject);
  });
}

const collector = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    res.writeHead(204).end();
    for (const event of JSON.parse(body)) {
      const parsed = typeof event === 'string' ? JSON.parse(event) : event;
      if (fired || !matches(parsed)) continue;
      fired = true;
      respond(parsed).catch((error) => process.stderr.write(`soar: ${error.stack}\n`));
    }
  });
});
collector.listen(Number(env.COLLECTOR_PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => collector.close(() => process.exit(0)));
