import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { passwordGrant, requestToken } from '../estate/token-request.ts';
import { workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const HOME_BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const MARKETING_BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

type LeadRow = Record<string, unknown> & { Email?: string | null };

/**
 * A portal release adds date of birth and "reason for visit" to the appointment-request form, which
 * posts to Web-to-Lead: every request now files a Lead carrying a birth date and a diagnosis, owned
 * by marketing. Marketing's campaign list shows the new columns, so marketing staff read the PHI of
 * everyone who asked for an appointment (164.502(b), 164.514(d)).
 */
export const webToLeadPhi = defineInjector({
  id: 'web-to-lead-phi',
  summary:
    'Portal appointment requests post birth date and diagnosis through Web-to-Lead; marketing reads them',
  attack: ['T1213'],
  hipaa: ['164.502(b)', '164.514(d)', '164.308(a)(4)', '164.312(a)(1)'],
  dossier: {
    dossier: 'immediate-action',
    failure:
      'patient portals where appointment scheduling flows expose PHI through unsecured Web-to-Lead forms',
  },
  detection:
    'Lead filed by Web-to-Lead with PHI fields (birth date, reason for visit); those fields readable by, and read by, marketing',
  params: z.strictObject({
    extras: z
      .array(z.enum(['Birthdate__c', 'Reason_For_Visit__c']))
      .min(1)
      .default(['Birthdate__c', 'Reason_For_Visit__c'])
      .describe('PHI fields the changed form now asks for'),
    requests: z.int().min(1).max(100).default(6).describe('Appointment requests submitted through the form'),
    firstPatient: z.int().min(0).default(300).describe('Population index of the first requester'),
    requestEvery: duration('4m', 'Gap before each appointment request'),
    marketingReadAfter: duration('10m', 'Delay from the change to marketing pulling its campaign list'),
  }),
  conditions: ['lead-phi-restricted'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    // The portal form client loads the estate's request plumbing: imported when the leak runs, so
    // loading the catalog (validate, list) does not pay for them.
    const { patientRequester, submitAppointmentRequest } = await import(
      '../estate/portal/appointment-request.ts'
    );
    const form = estate.appointmentRequest;
    const saved = form.extras;
    form.extras = [...params.extras];
    const requesters = new Map<string, string>();
    const every = parseDuration(params.requestEvery)!;
    for (let n = 0; n < params.requests; n++) {
      later((n + 1) * every, 'web-to-lead-phi: appointment request', async () => {
        const patient = estate.population.patient((params.firstPatient + n) % estate.population.count);
        const status = await submitAppointmentRequest(
          fetch,
          form,
          patientRequester(patient, estate.clock.now(), 'Follow-up of chronic condition'),
          {
            'x-forwarded-for': `198.51.100.${100 + n}`,
            'user-agent': `${HOME_BROWSER} (${correlationId})`,
          },
        );
        if (status === 200) requesters.set(patient.email.toLowerCase(), patient.id);
      });
    }
    later(parseDuration(params.marketingReadAfter)!, 'web-to-lead-phi: marketing campaign list', async () => {
      const user = estate.credentials.crm.marketing;
      const app = estate.credentials.crm.consoleApp;
      const headers = {
        'x-forwarded-for': workstationIp(10 + user.seat),
        'user-agent': `${MARKETING_BROWSER} (${correlationId})`,
      };
      const login = await requestToken(fetch, '/services/oauth2/token', passwordGrant(app, user), headers);
      if (!login.ok) return;
      const { access_token: token } = (await login.json()) as { access_token: string };
      const columns = ['Id', 'FirstName', 'LastName', 'Email', 'Phone', ...params.extras];
      const soql = `SELECT ${columns.join(', ')} FROM Lead WHERE LeadSource = 'Patient Portal' ORDER BY CreatedDate DESC LIMIT 200`;
      const list = await fetch(
        `/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`,
        {
          headers: { ...headers, authorization: `Bearer ${token}` },
        },
      );
      if (!list.ok) return;
      const rows = ((await list.json()) as { records: LeadRow[] }).records;
      exposed(
        rows
          .filter((row) => params.extras.some((field) => row[field] !== undefined && row[field] !== null))
          .flatMap((row) => {
            const patientId = requesters.get(String(row.Email ?? '').toLowerCase());
            return patientId ? [patientId] : [];
          }),
      );
    });
    const security = estate.crm.state.fieldSecurity;
    return {
      probes: {
        'lead-phi-restricted': () =>
          params.extras.every((field) => !security.canRead('Marketing', 'Lead', field)),
      },
      revert() {
        form.extras = saved;
      },
    };
  },
});
