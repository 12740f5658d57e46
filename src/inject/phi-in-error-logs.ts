import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { REQUEST_ID_HEADER } from '../estate/caller.ts';
import { type AppLogRecord, LOG_READERS } from '../estate/integration/app-log.ts';
import { INTAKE_LOGGER, INTAKE_PATH } from '../estate/integration/endpoints.ts';
import { intakeBody, logSearchUrl, partnerHeaders, readerHeaders } from '../estate/integration/traffic.ts';
import { defineInjector } from './define.ts';

const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

/**
 * To chase a referral partner's failing submissions, a release turns on verbose validation errors and
 * payload logging in the integration engine and opens its log to the whole engineering group. The
 * partner's date-format bug then makes every referral fail: each 400 echoes the full record, each log
 * line stores it, and engineers outside the approved groups search the log while debugging.
 */
export const phiInErrorLogs = defineInjector({
  id: 'phi-in-error-logs',
  summary:
    'Verbose validation errors and payload logging put full patient records in API error bodies and an application log all of engineering can read',
  attack: ['T1213'],
  hipaa: ['164.502(b)', '164.514(d)', '164.308(a)(4)', '164.312(a)(1)', '164.312(b)'],
  dossier: {
    dossier: 'lawsuit-preparation',
    failure: 'appointment-flow systems that log PHI in plaintext error messages',
  },
  detection:
    'PHI patterns in application log lines and API error bodies; a PHI-bearing log searched by a group outside the approved readers',
  params: z.strictObject({
    submissions: z
      .int()
      .min(1)
      .max(500)
      .default(12)
      .describe('Referrals the partner sends with its date bug'),
    submitEvery: duration('5m', 'Pause between the partner’s submissions'),
    reads: z.int().min(1).max(20).default(3).describe('Searches of the intake log by engineers'),
    readEvery: duration('20m', 'Pause between the engineers’ searches'),
    firstPatient: z.int().min(0).default(100).describe('Population index of the first referred patient'),
  }),
  conditions: ['logs-redacted'],
  async apply({ estate, fetch, later, exposed }, params) {
    const { appLog, intake } = estate.integration;
    const saved = { intake: { ...intake.config }, readers: [...appLog.config.readers] };
    intake.config.verboseErrors = true;
    intake.config.logPayloads = true;
    appLog.config.readers = [...appLog.config.readers, 'engineering'];
    const leaked: AppLogRecord[] = [];
    const patientOfRequest = new Map<string, string>();
    const submit = async (n: number) => {
      const index = (params.firstPatient + n * 53) % estate.population.count;
      const patient = estate.population.patient(index);
      const leaking = intake.config.verboseErrors || intake.config.logPayloads;
      const response = await fetch(INTAKE_PATH, {
        method: 'POST',
        headers: partnerHeaders(),
        body: intakeBody(patient, true),
      });
      const requestId = response.headers.get(REQUEST_ID_HEADER) ?? '';
      patientOfRequest.set(requestId, patient.id);
      if (leaking) leaked.push(...appLog.linesFor(requestId));
    };
    const engineers = LOG_READERS.filter((reader) => reader.group === 'engineering');
    const read = async (n: number) => {
      const reader = engineers[n % engineers.length]!;
      const response = await fetch(logSearchUrl(INTAKE_LOGGER, 'warn'), {
        headers: readerHeaders(reader.username, reader.seat),
      });
      if (!response.ok) return;
      const { hits } = (await response.json()) as { hits: AppLogRecord[] };
      // Exposed: patients whose record was in a line the engineer saw unredacted.
      exposed(
        hits.flatMap((hit) => {
          const patientId = patientOfRequest.get(hit.requestId);
          return patientId && hit.redactedAt === undefined && hit.payload !== undefined ? [patientId] : [];
        }),
      );
    };
    await submit(0);
    await read(0);
    const submitEvery = parseDuration(params.submitEvery)!;
    for (let n = 1; n < params.submissions; n++)
      later(n * submitEvery, 'phi-in-error-logs: partner resubmits', () => submit(n));
    const readEvery = parseDuration(params.readEvery)!;
    for (let n = 1; n < params.reads; n++)
      later(n * readEvery, 'phi-in-error-logs: an engineer searches the intake log', () => read(n));
    return {
      probes: {
        'logs-redacted': () =>
          !intake.config.verboseErrors &&
          !intake.config.logPayloads &&
          leaked.every((line) => line.redactedAt !== undefined),
      },
      revert() {
        intake.config = saved.intake;
        appLog.config.readers = saved.readers;
      },
    };
  },
});
