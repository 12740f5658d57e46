import { workstationIp } from '../../synth/identifiers.ts';
import type { Estate } from '../estate.ts';
import { patientRequester, submitAppointmentRequest } from '../portal/appointment-request.ts';
import { passwordGrant } from '../token-request.ts';
import type { tokenBroker } from './actors.ts';
import type { Stream } from './traffic.ts';

const HOME_BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile Safari/604.1';
const MARKETING_BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

/**
 * The Web-to-Lead look-alike: people asking for a first appointment through the portal form, which
 * in the organisation's normal posture asks only for contact details, and marketing pulling the new
 * portal leads (contact fields only) into its welcome campaign.
 */
export function leadStreams(estate: Estate, token: ReturnType<typeof tokenBroker>): Stream[] {
  return [
    {
      label: 'portal appointment request',
      perHour: { business: 2, other: 0.5 },
      async act(random) {
        const person = estate.population.patient(Math.floor(random() * estate.population.count));
        await submitAppointmentRequest(
          estate.fetch,
          estate.appointmentRequest,
          patientRequester(person, estate.clock.now(), 'Annual check-up'),
          { 'x-forwarded-for': `203.0.113.${1 + Math.floor(random() * 250)}`, 'user-agent': HOME_BROWSER },
        );
      },
    },
    {
      label: 'marketing campaign list',
      perHour: { business: 1, other: 0 },
      async act() {
        const user = estate.credentials.crm.marketing;
        const app = estate.credentials.crm.consoleApp;
        const headers = { 'x-forwarded-for': workstationIp(10 + user.seat), 'user-agent': MARKETING_BROWSER };
        const bearer = await token(
          user.username,
          '/services/oauth2/token',
          passwordGrant(app, user),
          headers,
        );
        if (!bearer) return;
        const soql =
          "SELECT Id, FirstName, LastName, Email, Phone FROM Lead WHERE LeadSource = 'Patient Portal' ORDER BY CreatedDate DESC LIMIT 200";
        await estate.fetch(`/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`, {
          headers: { ...headers, authorization: `Bearer ${bearer}` },
        });
      },
    },
  ];
}
