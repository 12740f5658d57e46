import { type HttpHandler, http } from 'msw';
import { callerOf } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import type { AppLog } from './app-log.ts';
import type { EdgeTls } from './edge-tls.ts';
import {
  CLIENT_CERT_HEADER,
  INTAKE_HOST_IP,
  INTAKE_LOGGER,
  INTAKE_PARTNERS,
  INTAKE_PATH,
} from './endpoints.ts';

export interface IntakeConfig {
  /** Error bodies echo the submitted record (a debugging switch that must stay off in production). */
  verboseErrors: boolean;
  /** Every rejected request body is written to the application log in full. */
  logPayloads: boolean;
}

/** An error response the API gateway mirrored to its DLP sensor (response-body inspection). */
export interface CapturedError {
  seq: number;
  time: number;
  requestId: string;
  status: number;
  body: string;
}

export interface Intake {
  config: IntakeConfig;
  readonly captured: CapturedError[];
  accepted: number;
  handler: HttpHandler;
}

const RULES: ReadonlyArray<[field: string, valid: (value: unknown) => boolean, expected: string]> = [
  ['mrn', (v) => typeof v === 'string' && /^ZZTEST-\d{8}$/.test(v), 'an MRN'],
  ['given', (v) => typeof v === 'string' && v.length > 0, 'a given name'],
  ['family', (v) => typeof v === 'string' && v.length > 0, 'a family name'],
  ['birthDate', (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v), 'YYYY-MM-DD'],
  ['gender', (v) => ['female', 'male', 'other', 'unknown'].includes(String(v)), 'an administrative gender'],
  ['phone', (v) => v === undefined || (typeof v === 'string' && /^\+1\d{10}$/.test(v)), 'E.164'],
];

/**
 * `POST /integration/v1/patient-intake`: a referral partner submits new patients to the integration
 * engine. Validation failures answer 400 with the offending field names; with `verboseErrors` the
 * answer and the log line echo the whole submitted record, and with `logPayloads` the body is logged.
 */
export function createIntake(
  ctx: EstateContext,
  log: AppLog,
  patientIdOfMrn: (mrn: string) => string | undefined,
  edge: EdgeTls,
): Intake {
  const intake: Intake = {
    config: { verboseErrors: false, logPayloads: false },
    captured: [],
    accepted: 0,
    handler: http.post(`*${INTAKE_PATH}`, async ({ request }) => {
      const caller = callerOf(request);
      const tls = edge.handshake(request, caller);
      if (!tls.ok)
        return Response.json({ errorCode: 'TLS_HANDSHAKE_FAILED', message: tls.reason }, { status: 400 });
      const partner = INTAKE_PARTNERS.find((p) => p.cn === request.headers.get(CLIENT_CERT_HEADER));
      const text = await request.text();
      let record: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          record = parsed as Record<string, unknown>;
      } catch {
        record = undefined;
      }
      const invalid = record ? RULES.filter(([field, valid]) => !valid(record[field])) : [];
      const mrn = typeof record?.mrn === 'string' ? record.mrn : '';
      let status: number;
      let body: Record<string, unknown>;
      const context: Record<string, string> = { partner: partner?.cn ?? 'unknown' };
      if (!partner) {
        status = 401;
        body = { errorCode: 'UNTRUSTED_CLIENT', message: 'client certificate not recognised' };
      } else if (!record || invalid.length > 0) {
        status = 400;
        const fields = record ? invalid.map(([field]) => field) : ['body'];
        const reason = record
          ? invalid.map(([field, , expected]) => `${field} must be ${expected}`).join('; ')
          : 'body is not a JSON object';
        context.fields = fields.join(',');
        body = { errorCode: 'VALIDATION_FAILED', message: reason, fields };
        if (intake.config.verboseErrors) {
          body.message = `ValidationError: ${reason} in ${text}`;
          body.submitted = record ?? text;
        }
        log.write(
          {
            level: 'warn',
            logger: INTAKE_LOGGER,
            message: intake.config.verboseErrors ? String(body.message) : `intake rejected: ${reason}`,
            requestId: caller.requestId,
            context,
            ...(intake.config.logPayloads ? { payload: text } : {}),
          },
          INTAKE_HOST_IP,
        );
      } else {
        status = 201;
        intake.accepted += 1;
        const id = ctx.nextId('intake');
        context.intakeId = id;
        body = { id, status: 'accepted' };
        log.write(
          {
            level: 'info',
            logger: INTAKE_LOGGER,
            message: 'intake accepted',
            requestId: caller.requestId,
            context,
          },
          INTAKE_HOST_IP,
        );
      }
      const answer = JSON.stringify(body);
      if (status >= 400) {
        intake.captured.push({
          seq: intake.captured.length + 1,
          time: ctx.clock.now(),
          requestId: caller.requestId,
          status,
          body: answer,
        });
      }
      const patientId = mrn ? patientIdOfMrn(mrn) : undefined;
      ctx.bus.emit({
        system: 'integration',
        action: 'intake.submit',
        actor: partner
          ? { id: partner.cn, type: 'integration', name: partner.name }
          : { id: 'anonymous', type: 'anonymous' },
        sourceIp: caller.sourceIp,
        userAgent: caller.userAgent,
        requestId: caller.requestId,
        correlationId: caller.correlationId,
        method: 'POST',
        uri: INTAKE_PATH,
        status,
        resource: { type: 'PatientIntake', id: typeof body.id === 'string' ? body.id : undefined },
        patientIds: patientId ? [patientId] : [],
        // What the gateway's schema inspection sees: the names of the fields in the answer.
        fields: Object.keys(
          body.submitted && typeof body.submitted === 'object' ? { ...body, ...body.submitted } : body,
        ),
        outcome: status < 400 ? 'success' : status === 401 ? 'denied' : 'failure',
        detail: {
          partner: context.partner ?? '',
          requestBytes: text.length,
          responseBytes: answer.length,
          ...tls.handshake,
        },
      });
      return new Response(answer, { status, headers: { 'content-type': 'application/json' } });
    }),
  };
  return intake;
}
