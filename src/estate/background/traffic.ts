import type { Agenda } from '../../clock/agenda.ts';
import { isBusinessHours, localParts } from '../../clock/local-time.ts';
import { workstationIp } from '../../synth/identifiers.ts';
import { scheduleAnalyticsExports } from '../analytics/schedule.ts';
import { routineCallouts } from '../egress/traffic.ts';
import type { Estate } from '../estate.ts';
import { integrationStreams } from '../integration/traffic.ts';
import { scheduleReminders } from '../mail/schedule.ts';
import { scheduleDevices } from '../mdm/schedule.ts';
import { portalSignIn } from '../portal/browser.ts';
import { finderStreams } from '../portal/finder-traffic.ts';
import { sandboxStreams, scheduleSandboxRefreshes } from '../sandbox/traffic.ts';
import { passwordGrant } from '../token-request.ts';
import { tokenBroker } from './actors.ts';
import { contentStreams } from './content-traffic.ts';
import { crmCopyStreams } from './crm-copy-traffic.ts';
import { leadStreams } from './lead-traffic.ts';
import { poissonGap, seededRandom } from './random.ts';

export type BackgroundLevel = 'off' | 'light' | 'normal' | 'heavy';

const LEVEL_FACTOR: Record<BackgroundLevel, number> = { off: 0, light: 0.25, normal: 0.5, heavy: 1.5 };
const SYNC_EVERY_MS = 5 * 60_000;
const CLINIC_BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

export interface Stream {
  label: string;
  /** Events per hour in clinic hours and outside them. */
  perHour: { business: number; other: number };
  act(random: () => number): Promise<void>;
}

/**
 * The everyday traffic a leak hides in: clinicians searching and reading charts, the front desk
 * looking people up in the CRM, chart updates flowing through the sync job every five minutes,
 * patients checking appointments on the portal, and the engagement app's small daytime queries.
 * Each stream is a seeded Poisson process, so the haystack is the same on every run with a seed.
 */
export function scheduleBackground(
  estate: Estate,
  agenda: Agenda,
  options: { from: number; until: number; level: BackgroundLevel; seed: number; scale?: number },
): void {
  // `scale` speeds the clinic up (a real-clock drill of minutes still sees hours of traffic).
  const scale = options.scale ?? 1;
  const factor = LEVEL_FACTOR[options.level] * scale;
  const { credentials, population } = estate;
  const now = () => estate.clock.now();
  const token = tokenBroker(estate.fetch, now);
  const random = seededRandom(options.seed ^ 0x5eed);
  const pick = () => Math.floor(random() * population.count);
  const desk = (n: number) => ({ 'x-forwarded-for': workstationIp(10 + n), 'user-agent': CLINIC_BROWSER });
  const callouts = routineCallouts(estate);
  const crmPath = (soql: string) =>
    `/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`;

  const streams: Stream[] = [
    {
      label: 'clinician chart review',
      perHour: { business: 24, other: 2 },
      async act(r) {
        const clinician = credentials.ehr.clinicians[Math.floor(r() * credentials.ehr.clinicians.length)]!;
        const headers = desk(clinician.seat);
        const bearer = await token(
          clinician.clientId,
          '/fhir/R4/auth/token',
          {
            grant_type: 'client_credentials',
            client_id: clinician.clientId,
            client_secret: clinician.clientSecret,
            scope: 'user/Patient.rs user/Encounter.rs user/Condition.rs',
          },
          headers,
        );
        if (!bearer) return;
        const patient = population.patient(pick());
        const auth = { ...headers, authorization: `Bearer ${bearer}` };
        await estate.fetch(`/fhir/R4/Patient?identifier=${encodeURIComponent(patient.mrn)}`, {
          headers: auth,
        });
        await estate.fetch(`/fhir/R4/Encounter?patient=${patient.id}&_count=10`, { headers: auth });
      },
    },
    {
      label: 'front desk lookup',
      perHour: { business: 18, other: 0 },
      async act(r) {
        const user = credentials.crm.frontDesk[Math.floor(r() * credentials.crm.frontDesk.length)]!;
        const headers = desk(user.seat);
        const app = credentials.crm.consoleApp;
        const bearer = await token(
          user.username,
          '/services/oauth2/token',
          passwordGrant(app, user),
          headers,
          2 * 3_600_000,
        );
        if (!bearer) return;
        const patient = population.patient(pick());
        const soql = `SELECT Id, FirstName, LastName, PersonMobilePhone FROM Account WHERE MRN__c = '${patient.mrn}'`;
        await estate.fetch(crmPath(soql), { headers: { ...headers, authorization: `Bearer ${bearer}` } });
      },
    },
    {
      label: 'chart update',
      perHour: { business: 8, other: 1 },
      async act(r) {
        estate.touchPatient(pick(), r);
      },
    },
    {
      label: 'patient portal visit',
      perHour: { business: 6, other: 1 },
      async act(r) {
        const login = credentials.portal.loginFor(pick());
        const device = {
          'x-forwarded-for': `198.51.100.${1 + Math.floor(r() * 250)}`,
          'user-agent': CLINIC_BROWSER,
        };
        const cookie = await portalSignIn(estate.fetch, device, login);
        if (!cookie) return;
        await estate.fetch('/portal/appointments', { headers: { ...device, cookie } });
        await estate.fetch('/portal/logout', {
          method: 'POST',
          headers: { ...device, cookie },
          redirect: 'manual',
        });
      },
    },
    {
      label: 'engagement app refresh',
      perHour: { business: 1, other: 0 },
      async act() {
        const app = credentials.crm.engageApp;
        const user = credentials.crm.engageUser;
        const headers = { 'x-forwarded-for': '192.0.2.44', 'user-agent': 'PatientEngageSync/4.2' };
        const bearer = await token(
          app.clientId,
          '/services/oauth2/token',
          passwordGrant(app, user, 'api'),
          headers,
        );
        if (!bearer) return;
        const soql = 'SELECT Id, FirstName, PersonEmail FROM Account ORDER BY LastModifiedDate DESC LIMIT 50';
        await estate.fetch(crmPath(soql), { headers: { ...headers, authorization: `Bearer ${bearer}` } });
        // The refresh queues reminders, which the CRM calls out to the engagement vendor.
        await callouts();
      },
    },
    ...integrationStreams(estate),
    ...finderStreams(estate),
    ...contentStreams(estate),
    ...leadStreams(estate, token),
    ...crmCopyStreams(estate),
    ...sandboxStreams(estate),
  ];

  if (factor > 0) {
    for (const stream of streams) {
      const rate = (time: number) =>
        (isBusinessHours(time, estate.timezone) ? stream.perHour.business : stream.perHour.other) * factor;
      const next = (after: number) => {
        const perHour = rate(after);
        const at =
          after + (perHour > 0 ? poissonGap(random, perHour) : untilNextHour(after, estate.timezone));
        if (at >= options.until) return;
        agenda.at(at, `background: ${stream.label}`, async () => {
          if (rate(at) > 0) await stream.act(random);
          next(at);
        });
      };
      next(options.from);
    }
  }
  const sync = (at: number) => {
    if (at >= options.until) return;
    agenda.at(at, 'background: sync batch', async () => {
      await estate.sync.runBatch();
      sync(at + SYNC_EVERY_MS / scale);
    });
  };
  sync(options.from + SYNC_EVERY_MS / scale);
  scheduleReminders(estate, agenda, options.from, options.until);
  scheduleSandboxRefreshes(estate, agenda, options.from, options.until);
  scheduleAnalyticsExports(estate, agenda, options.from, options.until);
  scheduleDevices(estate, agenda, options.from, options.until);
}

function untilNextHour(time: number, timezone: string): number {
  const { minute } = localParts(time, timezone);
  return (60 - minute) * 60_000;
}
