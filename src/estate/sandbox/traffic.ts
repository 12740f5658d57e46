import type { Agenda } from '../../clock/agenda.ts';
import { nextLocalHour } from '../../clock/local-time.ts';
import { documentationIp } from '../../synth/identifiers.ts';
import type { Stream } from '../background/traffic.ts';
import type { Estate } from '../estate.ts';
import { requestToken } from '../token-request.ts';
import { SANDBOX_CONSOLE_IP } from './state.ts';

const HOUR = 3_600_000;
/** The `dev` sandbox is refreshed nightly at 01:00 local, its Data Mask policy run as the post-copy step. */
const REFRESH_HOUR = 1;
const CONTRACTOR_TOOL = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

/**
 * The benign look-alike of an unmasked sandbox: the nightly refresh of the partial-copy `dev` sandbox
 * from production, masked by the Data Mask job straight after. A scheduled job, so it runs at every
 * traffic level.
 */
export function scheduleSandboxRefreshes(estate: Estate, agenda: Agenda, from: number, until: number): void {
  const refresh = (at: number) => {
    if (at >= until) return;
    agenda.at(at, 'background: masked sandbox refresh', () => {
      estate.sandboxes.refresh('dev', {
        by: { id: 'release-automation', type: 'service', name: 'Release automation' },
        caller: { sourceIp: SANDBOX_CONSOLE_IP, requestId: estate.context.nextId('req') },
        mask: true,
      });
      refresh(nextLocalHour(at + HOUR, estate.timezone, REFRESH_HOUR));
    });
  };
  refresh(nextLocalHour(from, estate.timezone, REFRESH_HOUR));
}

/** Contract developers reading the masked `dev` sandbox's patient accounts while they test screens. */
export function sandboxStreams(estate: Estate): Stream[] {
  const contractors = estate.sandboxes.users.filter((user) => user.type === 'engineer');
  return [
    {
      label: 'contractor reads masked sandbox',
      perHour: { business: 2, other: 0 },
      async act(r) {
        const contractor = contractors[Math.floor(r() * contractors.length)]!;
        const headers = {
          'x-forwarded-for': documentationIp(2, 150 + Math.floor(r() * 3)),
          'user-agent': CONTRACTOR_TOOL,
        };
        const grant = await requestToken(
          estate.fetch,
          '/sandbox/dev/services/oauth2/token',
          { grant_type: 'password', username: contractor.username, password: contractor.password },
          headers,
        );
        if (!grant.ok) return;
        const { access_token: token } = (await grant.json()) as { access_token: string };
        const soql = `SELECT FirstName, LastName, PersonBirthdate, PersonEmail, MRN__c FROM Account LIMIT ${10 + Math.floor(r() * 30)}`;
        await estate.fetch(
          `/sandbox/dev/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`,
          { headers: { ...headers, authorization: `Bearer ${token}` } },
        );
      },
    },
  ];
}
