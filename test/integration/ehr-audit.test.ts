import { describe, expect, it } from 'vitest';
import { buildAuditEvent } from '../../src/estate/ehr/audit.ts';
import { auditRecordFor } from '../../src/estate/ehr/index.ts';
import { setupEhr } from './ehr-fixtures.ts';

const BALP_ENTITY_TYPE = 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType';

describe('EHR audit trail (IHE BALP)', () => {
  it('records a patient read with the BALP PatientRead shape', async () => {
    const { get, token, ehr } = setupEhr();
    const bearer = await token();
    await get('/fhir/R4/Patient/zz-0000003', bearer, {
      'x-request-id': 'req-read-1',
      'x-forwarded-for': '198.51.100.7',
    });
    const event = auditRecordFor(ehr.state.auditEvents, 'req-read-1')!;
    expect(event).toMatchObject({
      resourceType: 'AuditEvent',
      meta: {
        profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead'],
        security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' }],
      },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }],
      action: 'R',
      recorded: '2026-03-02T14:00:00.000Z',
      outcome: '0',
      source: { type: [{ code: '4' }] },
    });
    const requestor = event.agent.find((a) => a.requestor)!;
    expect(requestor).toMatchObject({
      who: { identifier: { value: 'svc-crm-sync' } },
      name: 'CRM sync',
      network: { address: '198.51.100.7', type: '2' },
    });
    const client = event.agent.find((a) => a.type?.coding?.[0]?.code === '110153')!;
    expect(client.who?.identifier?.value).toBe('crm-sync');
    expect(event.entity).toEqual(
      expect.arrayContaining([
        {
          what: { identifier: { value: 'req-read-1' } },
          type: { system: BALP_ENTITY_TYPE, code: 'XrequestId' },
        },
        expect.objectContaining({
          what: { reference: 'Patient/zz-0000003' },
          type: expect.objectContaining({ code: '1' }),
          role: expect.objectContaining({ code: '1' }),
        }),
        expect.objectContaining({
          what: { reference: 'Patient/zz-0000003' },
          type: expect.objectContaining({ code: '2' }),
          role: expect.objectContaining({ code: '4' }),
        }),
      ]),
    );
  });

  it('records a search with its query base64 and every patient returned', async () => {
    const { get, token, ehr } = setupEhr();
    await get('/fhir/R4/Encounter?patient=zz-0000001', await token(), { 'x-request-id': 'req-search-1' });
    const event = auditRecordFor(ehr.state.auditEvents, 'req-search-1')!;
    expect(event.subtype?.[0]?.code).toBe('search-type');
    expect(event.action).toBe('E');
    const query = event.entity?.find((e) => e.role?.code === '24');
    expect(Buffer.from(query!.query!, 'base64').toString()).toBe('patient=zz-0000001');
    expect(event.entity?.filter((e) => e.type?.code === '1').map((e) => e.what?.reference)).toEqual([
      'Patient/zz-0000001',
    ]);
  });

  it('records a practitioner as a reference and a clinician-attributed failure as minor', async () => {
    const { get, token, ehr } = setupEhr();
    const bearer = await token('scheduler', 'user/Encounter.rs');
    await get('/fhir/R4/Patient/zz-0000004', bearer, { 'x-request-id': 'req-denied' });
    const event = auditRecordFor(ehr.state.auditEvents, 'req-denied')!;
    expect(event.outcome).toBe('4');
    expect(event.outcomeDesc).toContain('scope');
    expect(event.agent.find((a) => a.requestor)?.who).toEqual({
      reference: 'Practitioner/pr-1',
      display: 'Kwame Osei',
    });
    expect(event.entity?.some((e) => e.what?.reference === 'Patient/zz-0000004')).toBe(true);
  });

  it('records a failed token use against the patient it targeted', async () => {
    const { get, ehr } = setupEhr();
    await get('/fhir/R4/Patient/zz-0000002', 'stolen-token', { 'x-request-id': 'req-bad-token' });
    const event = auditRecordFor(ehr.state.auditEvents, 'req-bad-token')!;
    expect(event.outcome).toBe('4');
    expect(event.agent.find((a) => a.requestor)?.name).toBe('anonymous');
    expect(event.entity?.some((e) => e.what?.reference === 'Patient/zz-0000002')).toBe(true);
  });

  it('records nothing while audit is switched off', async () => {
    const { get, token, ehr } = setupEhr();
    const bearer = await token();
    ehr.state.config.audit.enabled = false;
    await get('/fhir/R4/Patient/zz-0000003', bearer, { 'x-request-id': 'req-off' });
    expect(ehr.state.auditEvents).toHaveLength(0);
    ehr.state.config.audit.enabled = true;
    await get('/fhir/R4/Patient/zz-0000003', bearer, { 'x-request-id': 'req-on' });
    expect(ehr.state.auditEvents).toHaveLength(1);
    expect(auditRecordFor(ehr.state.auditEvents, 'req-off')).toBeUndefined();
  });

  it('leaves out omitted fields, and only those', async () => {
    const { get, token, ehr } = setupEhr();
    const bearer = await token();
    ehr.state.config.audit.omitFields = ['agent.network', 'entity.query'];
    await get('/fhir/R4/Patient?family=Tanaka', bearer, { 'x-request-id': 'req-degraded' });
    const event = auditRecordFor(ehr.state.auditEvents, 'req-degraded')!;
    expect(event.agent.length).toBeGreaterThan(0);
    for (const agent of event.agent) expect(agent).not.toHaveProperty('network');
    expect(event.entity?.some((e) => 'query' in e)).toBe(false);
    expect(event.agent.find((a) => a.requestor)?.name).toBe('CRM sync');

    ehr.state.config.audit.omitFields = [];
    await get('/fhir/R4/Patient?family=Tanaka', bearer, { 'x-request-id': 'req-full' });
    const full = auditRecordFor(ehr.state.auditEvents, 'req-full')!;
    expect(full.agent.every((a) => a.network?.address)).toBe(true);
    expect(full.entity?.some((e) => 'query' in e)).toBe(true);
  });

  it('serves the trail by patient, date and agent without auditing the review itself', async () => {
    const { get, token, ehr, clock } = setupEhr();
    const bearer = await token();
    await get('/fhir/R4/Patient/zz-0000005', bearer);
    await clock.sleepUntil(Date.parse('2026-03-03T09:00:00Z'));
    const later = await token();
    await get('/fhir/R4/Patient/zz-0000006', later);
    await get('/fhir/R4/Encounter?patient=zz-0000001', await token('scheduler', 'user/Encounter.rs'));
    const recorded = ehr.state.auditEvents.length;
    expect(recorded).toBe(3);

    const byPatient = await get('/fhir/R4/AuditEvent?patient=Patient/zz-0000005', later);
    expect(byPatient.body.total).toBe(1);
    const byDate = await get('/fhir/R4/AuditEvent?date=ge2026-03-03', later);
    expect(byDate.body.total).toBe(2);
    const byDay = await get('/fhir/R4/AuditEvent?date=2026-03-02', later);
    expect(byDay.body.total).toBe(1);
    const byAgent = await get('/fhir/R4/AuditEvent?agent=Practitioner/pr-1', later);
    expect(byAgent.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([
      ehr.state.auditEvents[2]!.id,
    ]);
    expect(ehr.state.auditEvents).toHaveLength(recorded);

    const scheduler = await token('scheduler', 'user/Encounter.rs');
    expect((await get('/fhir/R4/AuditEvent?patient=zz-0000005', scheduler)).status).toBe(403);
  });

  it('names the server each event was answered on, for any number of servers', () => {
    const events = Array.from({ length: 150 }, (_, n) =>
      buildAuditEvent({
        id: `audit-${n}`,
        recorded: '2026-03-02T09:00:00.000Z',
        interaction: 'read',
        status: 200,
        caller: { sourceIp: '127.0.0.1', requestId: `req-${n}` } as never,
        requestor: { who: { reference: 'Practitioner/pr-1' }, name: 'Kwame Osei' },
        server: `http://host-${n % 75}.test:4000/fhir/R4`,
        patientIds: [],
        dataRefs: [],
      }),
    );
    events.forEach((event, n) => {
      const server = `http://host-${n % 75}.test:4000/fhir/R4`;
      expect(event.source.observer.identifier?.value).toBe(server);
      expect(event.agent.at(-1)).toMatchObject({
        who: { display: server },
        network: { address: `host-${n % 75}.test` },
      });
    });
  });
});
