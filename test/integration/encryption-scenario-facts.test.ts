import { describe, expect, it } from 'vitest';
import { assessBreach } from '../../src/breach/assess.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { inspectCopy } from '../../src/controls/encryption-status-monitor.ts';
import { BACKUP_BUCKET } from '../../src/estate/content-seed.ts';
import { CRM_COPY_PREFIX } from '../../src/estate/crm-storage-copy.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { encryptionDisabled } from '../../src/inject/encryption-disabled.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { injectContext } from '../support/observed-estate.ts';
import { catalogScenario } from './drill-harness.ts';

/**
 * The pair of catalog scenarios states its encryption facts for the judge; this holds each to what
 * its inject really copies, so the declared safe harbor cannot drift from the estate's behaviour.
 */
describe.each([
  ['encryption-disabled', 'notifiable'],
  ['encryption-intact-copy', 'secured-phi'],
])('scenario %s', (id, expected) => {
  it(`declares the encryption its copy really has, and is assessed ${expected}`, async () => {
    const { scenario } = await catalogScenario(id);
    const inject = scenario.injects.find((one) => one.injector === 'encryption-disabled')!;
    const clock = new VirtualClock(scenario.estate.start);
    const estate = createEstate({
      clock,
      bus: new TelemetryBus(clock),
      seed: scenario.estate.seed,
      patients: 60,
    });
    await encryptionDisabled.apply(
      injectContext(estate, clock, { injectId: inject.id, correlationId: 'facts-check' }),
      encryptionDisabled.params.parse(inject.params),
    );
    const [copy] = estate.storage.state
      .objectsIn(BACKUP_BUCKET)
      .filter((object) => object.key.startsWith(`${CRM_COPY_PREFIX}migration/`));
    const reallyEncrypted = inspectCopy(new TextDecoder().decode(copy!.body)).plaintext.length === 0;
    expect(scenario.breach?.encrypted).toBe(reallyEncrypted);
    expect(scenario.breach?.keyCompromised).toBe(estate.crm.encryption.keyCompromised);
    const assessment = assessBreach({
      discoveredAt: new Date(scenario.estate.start).toISOString(),
      phiTypes: scenario.breach!.phiTypes,
      individualsByState: { NY: 40 },
      recipient: scenario.breach!.recipient,
      acquiredOrViewed: scenario.breach!.acquiredOrViewed,
      encrypted: reallyEncrypted,
      keyCompromised: estate.crm.encryption.keyCompromised,
      destroyed: false,
      mitigation: [],
      contactInfoMissing: 0,
      urgent: false,
    });
    expect(assessment.notifiable ? 'notifiable' : assessment.outcome).toBe(expected);
  });
});
