import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { deviceWipeMonitor } from '../../src/controls/device-wipe-monitor.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { lostMobileDevice } from '../../src/inject/lost-mobile-device.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { recordingInjectContext } from '../support/observed-estate.ts';

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 20 });
  const signals: SignalInput[] = [];
  const monitor = deviceWipeMonitor.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => monitor.onEvent!(event));
  const [device] = [...estate.mdm.devices.values()];
  const patients = [1, 2, 3].map((index) => estate.population.patient(index).id);
  const unprotect = () => {
    device!.isEncrypted = false;
    device!.passcodeSet = false;
    device!.offlineCache.encrypted = false;
  };
  return { clock, estate, monitor, signals, device: device!, patients, unprotect };
}

describe('device-wipe-monitor', () => {
  it('stays quiet while managed, encrypted devices check in and prime their offline store', () => {
    const { estate, monitor, signals, device, patients } = rig();
    estate.mdm.checkIn(device.id);
    estate.mdm.offlineSync(device.id, patients);
    estate.mdm.checkIn(device.id);
    monitor.onScan!();
    expect(signals).toEqual([]);
  });

  it('reports PHI primed onto a device that checks in without encryption or passcode', () => {
    const { estate, signals, device, patients, unprotect } = rig();
    unprotect();
    estate.mdm.checkIn(device.id);
    expect(signals).toEqual([]);
    estate.mdm.offlineSync(device.id, patients);
    expect(signals).toMatchObject([
      { rule: 'phi-on-unprotected-device', severity: 'high', patientIds: patients },
    ]);
  });

  it('raises critical on a lost unprotected device holding PHI and wipes it; the device acknowledges at check-in', () => {
    const { estate, signals, device, patients, unprotect } = rig();
    unprotect();
    estate.mdm.checkIn(device.id);
    estate.mdm.offlineSync(device.id, patients);
    estate.mdm.reportLost(device.id, 'helpdesk');
    expect(signals.at(-1)).toMatchObject({
      rule: 'lost-device-with-phi',
      severity: 'critical',
      patientIds: patients,
    });
    expect(estate.mdm.wiped(device.id)).toBe(false);
    estate.mdm.checkIn(device.id);
    expect(estate.mdm.wiped(device.id)).toBe(true);
    expect(device.offlineCache.patientIds).toEqual([]);
  });

  it('rates a lost encrypted device medium (the safe-harbour case) and a lost device without PHI not at all', () => {
    const { estate, signals, device, patients } = rig();
    const [, empty] = [...estate.mdm.devices.values()];
    estate.mdm.checkIn(device.id);
    estate.mdm.offlineSync(device.id, patients);
    estate.mdm.reportLost(device.id, 'helpdesk');
    estate.mdm.reportLost(empty!.id, 'helpdesk');
    expect(signals).toMatchObject([{ rule: 'lost-device-with-phi', severity: 'medium' }]);
  });

  it('reports a wipe left unacknowledged for an hour, and not one the device carried out', async () => {
    const { clock, estate, monitor, signals, device, patients } = rig();
    const [, other] = [...estate.mdm.devices.values()];
    estate.mdm.offlineSync(device.id, patients);
    estate.mdm.wipe(device.id, 'soar');
    estate.mdm.wipe(other!.id, 'soar');
    estate.mdm.checkIn(other!.id);
    await clock.sleepUntil(clock.now() + 30 * 60_000);
    monitor.onScan!();
    expect(signals).toEqual([]);
    await clock.sleepUntil(clock.now() + 31 * 60_000);
    monitor.onScan!();
    expect(signals).toMatchObject([
      { rule: 'wipe-not-acknowledged', severity: 'high', patientIds: patients },
    ]);
  });
});

describe('lost-mobile-device', () => {
  it('primes an unprotected device, reports it lost, reconnects so a wipe lands, and its revert restores the device', async () => {
    const { clock, estate } = rig();
    const { context, exposed, protections, runLater } = recordingInjectContext(estate, clock, {
      injectId: 'lost',
      correlationId: 'drill-1',
    });
    const device = [...estate.mdm.devices.values()][3]!;
    const inject = await lostMobileDevice.apply(
      context,
      lostMobileDevice.params.parse({ patients: 5, reconnects: 1 }),
    );
    expect(device).toMatchObject({ isEncrypted: false, passcodeSet: false, complianceState: 'noncompliant' });
    expect(device.offlineCache).toMatchObject({ encrypted: false });
    expect(device.offlineCache.patientIds).toHaveLength(5);
    expect(inject.probes['device-wiped']!()).toBe(false);
    // The lost report brings the monitor's wipe; the phone's reconnect acknowledges it.
    await runLater();
    expect(exposed).toHaveLength(5);
    // The assessment is told what the phone really had: no storage encryption.
    expect(protections.map((protection) => protection?.encrypted)).toEqual([false]);
    expect(inject.probes['device-wiped']!()).toBe(true);
    await inject.revert();
    expect(device).toMatchObject({ isEncrypted: true, passcodeSet: true, managedDeviceOwnerType: 'company' });
    expect(device.deviceActionResults).toEqual([]);
  });
});
