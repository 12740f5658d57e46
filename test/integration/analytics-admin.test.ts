import { describe, expect, it } from 'vitest';
import { analyticsExportIdentified } from '../../src/inject/analytics-export-identified.ts';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { injectContext, observedEstate } from '../support/observed-estate.ts';

const BASE = 'https://estate.example.test';

function analyticsEstate() {
  const { clock, events, estate } = observedEstate({ seed: 4, patients: 6 });
  const recall = (batchId: string, token?: string) =>
    callConsole(estate, 'POST', `${BASE}/integration/admin/analytics/batches/${batchId}/recall`, token);
  const inject = () =>
    analyticsExportIdentified.apply(
      injectContext(estate, clock, { injectId: 'identified-batch', correlationId: 'drill-2' }),
      analyticsExportIdentified.params.parse({}),
    );
  return { estate, events, recall, inject };
}

describe('analytics export console: batch recall a SOAR calls', () => {
  it('recalls a batch as the responder administrator: the platform deletes it and the job logs the recall', async () => {
    const rig = analyticsEstate();
    const applied = await rig.inject();
    const batchId = rig.events.find((e) => e.action === 'analytics.export')!.resource.id!;
    expect(applied.probes['batch-recalled']!()).toBe(false);
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const response = await rig.recall(batchId, admin);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ batchId, recalled: true });
    expect(applied.probes['batch-recalled']!()).toBe(true);
    expect(rig.events.find((e) => e.action === 'analytics.recall')).toMatchObject({
      actor: { type: 'responder' },
      status: 204,
    });
  });

  it('refuses without a token (401), for a user without Manage Users (403) and for a batch never sent (404)', async () => {
    const rig = analyticsEstate();
    const applied = await rig.inject();
    const batchId = rig.events.find((e) => e.action === 'analytics.export')!.resource.id!;
    expect((await rig.recall(batchId)).status).toBe(401);
    const desk = await crmToken(rig.estate, rig.estate.credentials.crm.frontDesk[0]!);
    const forbidden = await rig.recall(batchId, desk);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({
      error: 'recalling analytics batches requires the Manage Users permission',
    });
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    expect((await rig.recall('batch-999999', admin)).status).toBe(404);
    expect(applied.probes['batch-recalled']!()).toBe(false);
  });

  it('the platform refuses a batch without the organisation’s API key (401)', async () => {
    const rig = analyticsEstate();
    const response = await rig.estate.fetch('/analytics/v1/datasets/population-health/batches/b-1', {
      method: 'PUT',
      body: 'PatientName\nAnn',
    });
    expect(response.status).toBe(401);
    expect(rig.estate.analytics.platform.batches.size).toBe(0);
  });
});

describe('analytics-export-identified inject', () => {
  it('sends an identified batch, and its revert turns de-identification back on and drops the batch', async () => {
    const rig = analyticsEstate();
    const applied = await rig.inject();
    const [batch] = [...rig.estate.analytics.platform.batches.values()];
    expect(batch!.body).toContain(rig.estate.population.patient(0).mrn);
    expect(rig.estate.analytics.config.deidentify).toBe(false);
    await applied.revert();
    expect(rig.estate.analytics.config.deidentify).toBe(true);
    expect(rig.estate.analytics.platform.batches.size).toBe(0);
    expect(rig.estate.analytics.outbound.size).toBe(0);
  });
});
