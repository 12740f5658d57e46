import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { defineInjector } from './define.ts';

const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

const PACKAGE = 'SurveySpark Patient Feedback';
const CREDENTIAL = 'SurveySpark_Feedback';
const VENDOR_HOST = 'ingest.surveyspark.example';

/**
 * Marketing installs an AppExchange survey package whose named credential points at the vendor's
 * ingest host. Nobody asked vendor management for a business associate agreement; a flow then sends
 * every discharged patient's post-visit survey invitation — name, MRN, date of birth and the reason
 * for the visit — to the vendor.
 */
export const vendorWithoutBaa = defineInjector({
  id: 'vendor-without-baa',
  summary:
    'An AppExchange survey package’s named credential sends patients’ PHI to a vendor with no business associate agreement',
  attack: ['T1567', 'T1020'],
  hipaa: ['164.502(e)', '164.308(b)(1)', '164.504(e)', '164.502(a)'],
  dossier: {
    dossier: 'legal-consequences',
    failure: 'Third-party app integrations with insufficient BAAs transmitting PHI to unsecured endpoints',
  },
  detection:
    'Outbound gateway log: DLP identifiers in a request body to a destination host absent from the BAA register (or past its expiry)',
  params: z.strictObject({
    invitations: z.int().min(1).max(200).default(8).describe('Survey invitations the flow sends'),
    sendEvery: duration('5m', 'Pause between invitations'),
    firstPatient: z.int().min(0).default(120).describe('Population index of the first invited patient'),
  }),
  conditions: ['egress-blocked'],
  async apply({ estate, later, exposed, correlationId }, params) {
    const { egress } = estate;
    egress.credentials.set(CREDENTIAL, { name: CREDENTIAL, host: VENDOR_HOST, package: PACKAGE });
    const invite = async (n: number) => {
      const patient = estate.population.patient((params.firstPatient + n * 41) % estate.population.count);
      const body = JSON.stringify({
        respondent: { firstName: patient.given, lastName: patient.family, mrn: patient.mrn },
        birthDate: patient.birthDate,
        visitReason: patient.conditions[0]?.display ?? 'follow-up visit',
        email: patient.email,
      });
      const status = await egress.callout(CREDENTIAL, '/v1/invitations', body, {
        sourceIp: '127.0.0.1',
        userAgent: `SFDC-Callout/66.0 (${correlationId})`,
        requestId: estate.context.nextId('req'),
        correlationId,
      });
      if (status < 400) exposed([patient.id]);
    };
    await invite(0);
    const every = parseDuration(params.sendEvery)!;
    for (let n = 1; n < params.invitations; n++)
      later(n * every, 'vendor-without-baa: the flow sends a survey invitation', () => invite(n));
    return {
      probes: { 'egress-blocked': () => egress.blocked.has(VENDOR_HOST) },
      revert() {
        // Uninstalling the package removes its named credential; the egress rule goes with it.
        egress.credentials.delete(CREDENTIAL);
        egress.blocked.delete(VENDOR_HOST);
      },
    };
  },
});
