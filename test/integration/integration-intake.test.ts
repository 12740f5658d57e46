import { beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstateContext } from '../../src/estate/context.ts';
import { createDispatch, type EstateFetch } from '../../src/estate/dispatch.ts';
import { INTAKE_LOGGER, INTAKE_PATH } from '../../src/estate/integration/endpoints.ts';
import { createIntegration, type Integration, REDACTED } from '../../src/estate/integration/index.ts';
import {
  intakeBody,
  logSearchUrl,
  partnerHeaders,
  readerHeaders,
} from '../../src/estate/integration/traffic.ts';
import { findPhi } from '../../src/synth/find-phi.ts';
import { patientAt } from '../../src/synth/population.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const START = Date.parse('2026-03-03T15:00:00Z');
const patient = patientAt(5, 17);
const ONCALL = 'oncall.priya@clinic.example.org';
const ENGINEER = 'dev.kim@clinic.example.org';

let integration: Integration;
let fetch: EstateFetch;
let events: TelemetryEvent[];

beforeEach(() => {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  events = [];
  bus.subscribe((event) => events.push(event));
  const ctx = createEstateContext(clock, bus, 5);
  integration = createIntegration(ctx, (mrn) => (mrn === patient.mrn ? patient.id : undefined));
  fetch = createDispatch(() => integration.handlers, ctx);
});

const submit = (body: string, headers = partnerHeaders()) =>
  fetch(INTAKE_PATH, { method: 'POST', headers, body });
const search = (username: string, seat = 40) =>
  fetch(logSearchUrl(INTAKE_LOGGER, 'info'), { headers: readerHeaders(username, seat) });

describe('partner intake endpoint', () => {
  it('accepts a valid referral and logs it without any patient data', async () => {
    const response = await submit(intakeBody(patient));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'intake-000001', status: 'accepted' });
    const [line] = integration.appLog.records;
    expect(line).toMatchObject({ level: 'info', logger: INTAKE_LOGGER, message: 'intake accepted' });
    expect(findPhi(JSON.stringify(line))).toEqual([]);
    expect(events.map((e) => e.action)).toEqual(['applog.write', 'intake.submit']);
    expect(events[1]).toMatchObject({ system: 'integration', status: 201, patientIds: [patient.id] });
  });

  it('answers a bad date with a terse 400 that names the field and carries no PHI', async () => {
    const response = await submit(intakeBody(patient, true));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      errorCode: 'VALIDATION_FAILED',
      message: 'birthDate must be YYYY-MM-DD',
      fields: ['birthDate'],
    });
    expect(findPhi(text)).toEqual([]);
    expect(findPhi(JSON.stringify(integration.appLog.records))).toEqual([]);
    expect(integration.intake.captured).toHaveLength(1);
  });

  it('echoes the whole record in the answer and the log once verbose errors and payload logging are on', async () => {
    integration.intake.config = { verboseErrors: true, logPayloads: true };
    const response = await submit(intakeBody(patient, true));
    const text = await response.text();
    const kinds = (found: string) => new Set(findPhi(found).map((match) => match.kind));
    expect(kinds(text)).toEqual(new Set(['ssn', 'mrn', 'email', 'phone', 'name']));
    const [line] = integration.appLog.records;
    expect(line!.payload).toContain(patient.ssn);
    expect(line!.message).toContain(patient.mrn);
    expect(events.find((e) => e.action === 'intake.submit')!.fields).toContain('ssn');
  });

  it('refuses a client certificate it does not know', async () => {
    const response = await submit(intakeBody(patient), {
      ...partnerHeaders(),
      'x-client-cert-cn': 'evil.example.net',
    });
    expect(response.status).toBe(401);
    expect(integration.appLog.records).toEqual([]);
  });
});

describe('log platform search', () => {
  beforeEach(async () => {
    await submit(intakeBody(patient));
  });

  it('lets the approved groups search and refuses engineering until the ACL is widened', async () => {
    expect((await search(ONCALL)).status).toBe(200);
    expect((await search(ENGINEER, 43)).status).toBe(403);
    integration.appLog.config.readers.push('engineering');
    const widened = await search(ENGINEER, 43);
    expect(widened.status).toBe(200);
    expect(((await widened.json()) as { hits: unknown[] }).hits).toHaveLength(1);
    expect((await fetch(logSearchUrl(INTAKE_LOGGER, 'info'))).status).toBe(401);
  });

  it('audits every search with who, from where and what, and records nothing while its audit is off', async () => {
    await search(ENGINEER, 43);
    expect(integration.appLog.searchAudit).toEqual([
      {
        time: START,
        requestId: expect.stringMatching(/^req-/),
        user: ENGINEER,
        group: 'engineering',
        sourceIp: '10.99.0.44',
        query: 'logger=integration.intake&level=info&limit=100',
        status: 403,
        hits: 0,
      },
    ]);
    integration.appLog.config.searchAudit.enabled = false;
    await search(ONCALL);
    expect(integration.appLog.searchAudit).toHaveLength(1);
    expect(events.filter((e) => e.action === 'applog.search')).toHaveLength(2);
  });

  it('redaction scrubs message and payload and tells the telemetry stream', async () => {
    integration.intake.config.logPayloads = true;
    await submit(intakeBody(patient, true));
    const line = integration.appLog.records.at(-1)!;
    expect(line.payload).toContain(patient.ssn);
    expect(integration.appLog.redact([line.seq, line.seq], 'responder')).toBe(1);
    expect(line).toMatchObject({ message: REDACTED, payload: REDACTED, redactedAt: START });
    expect(events.at(-1)).toMatchObject({ action: 'applog.redact', rows: 1 });
  });
});
