import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { documentationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const SHARED_PC_BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 ClinicPatientPC/2.4';
const PHONE_BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 Version/18.2 Mobile Safari/604.1';

/**
 * A portal release turns the "find my appointment" form from POST into GET. Patients keep using it;
 * each search now puts full name, date of birth and MRN into the URL, so the identifiers land in the
 * portal access log and, through the page's analytics tag, with a third-party analytics vendor. The
 * browser driver adds what a shared computer keeps: the history the next person's Back button reopens.
 */
export const phiInUrl = defineInjector({
  id: 'phi-in-url',
  summary:
    'Appointment finder switched to GET: name, date of birth and MRN travel in the URL to the access log and the analytics vendor',
  attack: [],
  hipaa: ['164.502(a)', '164.502(e)(1)', '164.514(d)', '164.312(e)(1)'],
  dossier: {
    dossier: 'legal-consequences',
    failure: 'PHI transmitted in GET requests with parameters logged in web server access logs',
  },
  detection:
    'Identifier parameters or PHI-shaped values in portal URLs, access-log lines and third-party Referers',
  params: z.strictObject({
    patients: z.int().min(1).max(50).default(4).describe('Patients who use the finder while the leak lasts'),
    every: z
      .string()
      .refine((text) => parseDuration(text) !== undefined, 'a duration like 10m')
      .default('10m')
      .describe('Time between two patients’ searches'),
    firstPatient: z.int().min(0).default(20).describe('Population index of the first patient'),
    driver: z
      .enum(['http', 'browser'])
      .default('http')
      .describe(
        "'browser': the patients take turns at one shared computer in a real Chromium (history and Referer, screenshots and HAR kept); 'http': each on their own phone, bare requests, fast",
      ),
    method: z
      .enum(['get', 'post'])
      .default('get')
      .describe(
        "How the release ships the finder form: 'get' is the leak; 'post' is the fixed form, a baseline that must raise nothing",
      ),
  }),
  conditions: ['urls-clean'],
  async apply(context, params) {
    // The portal clients load the estate's request plumbing: imported when the leak runs, so
    // loading the catalog (validate, list) does not pay for them.
    const [{ findAppointment }, { driveSharedFinder }] = await Promise.all([
      import('../estate/portal/browser.ts'),
      import('./phi-in-url-browser.ts'),
    ]);
    const { estate, fetch, later, exposed } = context;
    const { portal, population } = estate;
    const saved = structuredClone(portal.state.config.finder);
    const savedReferrerPolicy = portal.state.config.referrerPolicy;
    portal.state.config.finder = { ...portal.state.config.finder, method: params.method };
    const probes = { 'urls-clean': () => portal.state.config.finder.method === 'post' };
    const identityOf = (n: number) => {
      const patient = population.patient((params.firstPatient + n) % population.count);
      const identity = {
        name: `${patient.given} ${patient.family}`,
        dob: patient.birthDate,
        mrn: patient.mrn,
      };
      return { patient, identity };
    };
    if (params.driver === 'browser') {
      // The same release loosened Referrer-Policy so the vendor could attribute page views.
      portal.state.config.referrerPolicy = 'unsafe-url';
      const restore = () => {
        portal.state.config.finder = saved;
        portal.state.config.referrerPolicy = savedReferrerPolicy;
      };
      const shared = await driveSharedFinder(context, {
        searchers: Array.from({ length: params.patients }, (_, n) => {
          const { patient, identity } = identityOf(n);
          return { patientId: patient.id, ...identity };
        }),
        everyMs: parseDuration(params.every)!,
        sourceIp: documentationIp(2, 19),
        userAgent: SHARED_PC_BROWSER,
      }).catch((error: unknown) => {
        // No browser, no revert to call: the release is rolled back here.
        restore();
        throw error;
      });
      return {
        probes,
        async revert() {
          restore();
          await shared.revert();
        },
      };
    }
    const search = async (n: number) => {
      const { patient, identity } = identityOf(n);
      const device = { 'x-forwarded-for': documentationIp(2, 20 + n), 'user-agent': PHONE_BROWSER };
      const visit = await findAppointment(fetch, device, identity);
      if (visit.method === 'get') exposed([patient.id]);
    };
    await search(0);
    const every = parseDuration(params.every)!;
    for (let n = 1; n < params.patients; n++) {
      later(n * every, 'phi-in-url: another patient uses the finder', () => search(n));
    }
    return {
      probes,
      revert() {
        portal.state.config.finder = saved;
      },
    };
  },
});
