import { describe, expect, it } from 'vitest';
import { Agenda } from '../../src/clock/agenda.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { defineControl } from '../../src/controls/define.ts';
import type { Estate } from '../../src/estate/estate.ts';
import { startControls } from '../../src/run/controls-runtime.ts';
import { routeTelemetry } from '../../src/run/telemetry-delivery.ts';
import { DeliveryModel } from '../../src/telemetry/delivery/model.ts';
import { DEFAULT_MONITORING, type Monitoring } from '../../src/telemetry/delivery/monitoring.ts';
import { DELIVERY_SOURCE_IDS, DELIVERY_SOURCES } from '../../src/telemetry/delivery/sources.data.ts';
import type { SystemId, TelemetryEvent } from '../../src/telemetry/event.ts';

const START = Date.parse('2026-03-02T14:20:00Z');
const HOUR = 3_600_000;

/** The monitoring under which each source is the one collected, and an event it carries. */
const CASES: Array<{ source: string; monitoring: Partial<Monitoring>; system: SystemId; action?: string }> = [
  { source: 'crm-rtem', monitoring: { crm: 'rtem' }, system: 'crm' },
  { source: 'crm-elf-hourly', monitoring: { crm: 'elf-hourly' }, system: 'crm' },
  { source: 'crm-elf-daily', monitoring: { crm: 'elf-daily' }, system: 'crm' },
  { source: 'ehr-audit-stream', monitoring: { ehrAudit: 'stream' }, system: 'ehr' },
  { source: 'ehr-audit-nightly', monitoring: { ehrAudit: 'nightly' }, system: 'ehr' },
  { source: 'log-forwarder', monitoring: { logs: 'forwarder', forwarderFlushMs: 30_000 }, system: 'portal' },
  { source: 'log-daily-batch', monitoring: { logs: 'daily-batch' }, system: 'mail' },
  { source: 'crm-setup-audit-trail', monitoring: {}, system: 'crm', action: 'sf.connectedapp.secret-reset' },
  { source: 'crm-field-history', monitoring: {}, system: 'crm', action: 'sf.upsert' },
  { source: 'crm-login-history', monitoring: { crm: 'elf-hourly' }, system: 'crm', action: 'oauth.token' },
  { source: 'storage-data-events', monitoring: {}, system: 'storage', action: 'storage.get' },
  {
    source: 'storage-server-access-log',
    monitoring: { storageLogs: 'server-access' },
    system: 'storage',
    action: 'storage.get',
  },
  { source: 'mail-log', monitoring: {}, system: 'mail', action: 'mail.send' },
  { source: 'broker-log', monitoring: {}, system: 'sync', action: 'sync.topic.configure' },
];

function event(system: SystemId, time: number, id = 'evt-000001', action = 'test.read'): TelemetryEvent {
  return {
    id,
    time,
    system,
    action,
    actor: { id: 'u1', type: 'clinician' },
    sourceIp: '192.0.2.1',
    resource: { type: 'Patient' },
    patientIds: [],
    fields: [],
    outcome: 'success',
  };
}

/** A control reading every group, the way reference detectors do, plus an inline one. */
function rig(monitoring: Monitoring, seed = 7) {
  const clock = new VirtualClock(START);
  const agenda = new Agenda();
  const seen: Array<{ control: string; id: string; at: number }> = [];
  const watcher = (id: string, inline: boolean) =>
    defineControl({
      id,
      summary: id,
      kind: 'detector',
      reads: ['crm', 'ehr', 'logs'],
      inline,
      rules: [],
      covers: [],
      start: ({ clock }) => ({ onEvent: (e) => void seen.push({ control: id, id: e.id, at: clock.now() }) }),
    });
  const definitions = [watcher('pipeline-reader', false), watcher('inline-policy', true)];
  const runtime = startControls(definitions, new Set(definitions.map((d) => d.id)), {} as Estate, clock, {
    onSignal: () => {},
    onError: (id, error) => {
      throw new Error(`${id}: ${error}`);
    },
    schedule: (at, label, step) => agenda.at(at, label, step),
  });
  const model = new DeliveryModel(monitoring, seed);
  return { clock, agenda, seen, model, route: routeTelemetry(model, runtime, agenda, clock) };
}

describe('telemetry delivery', () => {
  it('has one cited entry for every source id', () => {
    expect(DELIVERY_SOURCES.map((s) => s.id)).toEqual([...DELIVERY_SOURCE_IDS]);
    for (const source of DELIVERY_SOURCES) expect(source.citation).toMatch(/\[(V|S|M)\]/);
  });

  for (const { source, monitoring, system, action = 'test.read' } of CASES) {
    it(`${source}: an event is invisible to a pipeline reader before its delivery and visible at it`, async () => {
      const { clock, agenda, seen, model, route } = rig({ ...DEFAULT_MONITORING, ...monitoring });
      expect(model.sourceOf({ system, action })).toBe(source);
      route(event(system, START, 'evt-000001', action));
      const due = model.deliveredAt(model.sourceOf({ system, action })!, START, 'evt-000001');
      expect(due).toBeGreaterThan(START);
      await agenda.runUntil(clock, due - 1);
      expect(seen.filter((s) => s.control === 'pipeline-reader')).toEqual([]);
      await agenda.runUntil(clock, due);
      expect(seen.filter((s) => s.control === 'pipeline-reader')).toEqual([
        { control: 'pipeline-reader', id: 'evt-000001', at: due },
      ]);
      // An inline policy sits in the system itself and saw it at once.
      expect(seen.find((s) => s.control === 'inline-policy')?.at).toBe(START);
    });
  }

  it('delivers within the cited bounds: RTEM seconds, hourly files 3–6 h after the hour, daily files a day later', () => {
    const at = (crm: Monitoring['crm'], seed: number) =>
      new DeliveryModel({ ...DEFAULT_MONITORING, crm }, seed).deliveredAt(
        `crm-${crm === 'rtem' ? 'rtem' : crm}` as 'crm-rtem',
        START,
        `e${seed}`,
      ) - START;
    const hourClose = Date.parse('2026-03-02T15:00:00Z') - START;
    const dayClose = Date.parse('2026-03-03T00:00:00Z') - START;
    for (let seed = 1; seed <= 50; seed++) {
      expect(at('rtem', seed)).toBeGreaterThanOrEqual(1000);
      expect(at('rtem', seed)).toBeLessThanOrEqual(10_000);
      expect(at('elf-hourly', seed)).toBeGreaterThanOrEqual(hourClose + 3 * HOUR);
      expect(at('elf-hourly', seed)).toBeLessThanOrEqual(hourClose + 6 * HOUR);
      expect(at('elf-daily', seed)).toBeGreaterThanOrEqual(dayClose + 24 * HOUR);
      expect(at('elf-daily', seed)).toBeLessThanOrEqual(dayClose + 30 * HOUR);
    }
  });

  it('never delivers from a source the organisation does not collect', async () => {
    const { clock, agenda, seen, route } = rig({
      ...DEFAULT_MONITORING,
      crm: 'none',
      crmAudit: 'none',
      ehrAudit: 'none',
      logs: 'none',
      storageLogs: 'none',
    });
    route(event('crm', START, 'evt-1'));
    route(event('ehr', START, 'evt-2'));
    route(event('portal', START, 'evt-3'));
    await agenda.runUntil(clock, START + 30 * 24 * HOUR);
    expect(seen.filter((s) => s.control === 'pipeline-reader')).toEqual([]);
    expect(seen.filter((s) => s.control === 'inline-policy')).toHaveLength(3);
  });

  it('keeps a stream in order even when per-event delays would overtake', async () => {
    const { clock, agenda, seen, route } = rig(DEFAULT_MONITORING);
    for (let i = 0; i < 50; i++) route(event('crm', START + i * 100, `evt-${i}`));
    await agenda.runUntil(clock, START + HOUR);
    const order = seen.filter((s) => s.control === 'pipeline-reader').map((s) => s.id);
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => `evt-${i}`));
  });

  it('draws the same delays for the same seed and different ones for another', () => {
    const draw = (seed: number) =>
      new DeliveryModel({ ...DEFAULT_MONITORING, crm: 'elf-hourly' }, seed).deliveredAt(
        'crm-elf-hourly',
        START,
        'k',
      );
    expect(draw(3)).toBe(draw(3));
    expect(new Set([1, 2, 3, 4, 5].map(draw)).size).toBeGreaterThan(1);
  });

  it('answers each flush, file and poll alike however the times are interleaved', () => {
    const monitoring = { ...DEFAULT_MONITORING, forwarderFlushMs: 30_000, crmAudit: 'poll' as const };
    const times = [0, 5_000, 31_000, 29_000, 3 * HOUR, 1_000, 2 * HOUR + 7, 31_500].map((ms) => START + ms);
    const sources = ['log-forwarder', 'crm-elf-hourly', 'crm-elf-daily', 'crm-setup-audit-trail'] as const;
    const reused = new DeliveryModel(monitoring, 9);
    for (const source of sources)
      for (const time of times)
        expect(reused.deliveredAt(source, time, 'k'), `${source} at ${time}`).toBe(
          new DeliveryModel(monitoring, 9).deliveredAt(source, time, 'k'),
        );
  });

  it('says until when an investigator can retrieve a record: CRM log retention, then gone', () => {
    const model = new DeliveryModel(
      { ...DEFAULT_MONITORING, crm: 'elf-daily', crmLogRetentionMs: 24 * HOUR },
      1,
    );
    const record = model.recordAvailability('crm-api', START, 'req-1');
    expect(record.source).toBe('crm-elf-daily');
    expect(record.availableAt).toBeGreaterThan(START + 24 * HOUR);
    // Without the add-on a file is kept one day from its generation.
    expect(record.retainedUntil).toBe(record.availableAt + 24 * HOUR);
    const ehr = model.recordAvailability('ehr-audit', START, 'req-2');
    expect(ehr.availableAt).toBe(START);
  });
  it('says in the ledger when a control listens for telemetry but reads no group, instead of starving it in silence', () => {
    const clock = new VirtualClock(START);
    const deaf = defineControl({
      id: 'deaf-detector',
      summary: 'listens for events, declares nothing to read',
      kind: 'detector',
      rules: ['never'],
      covers: [],
      start: () => ({ onEvent: () => {} }),
    });
    const errors: string[] = [];
    startControls([deaf], new Set(['deaf-detector']), {} as Estate, clock, {
      onSignal: () => {},
      onError: (id, error) => void errors.push(`${id}: ${(error as Error).message}`),
      schedule: () => {},
    });
    expect(errors).toEqual([
      'deaf-detector: has onEvent but declares no reads, so it receives no telemetry: add reads: [crm|ehr|logs]',
    ]);
  });
});
