import type { EstateContext } from '../context.ts';
import { cacheReadable, type ManagedDevice, seedDevices } from './devices.ts';

/** The MDM service's address, as its audit and device logs are shipped. */
export const MDM_HOST_IP = '10.99.200.40';
/** The CRM mobile app, as its offline sync names itself. */
export const CRM_MOBILE_APP = 'Salesforce Mobile';

export interface Mdm {
  readonly devices: Map<string, ManagedDevice>;
  /** The device contacts the MDM: inventory and compliance are reported, pending actions carried out. */
  checkIn(deviceId: string): void;
  /** The CRM app primes its offline store with these patients' records (a briefcase sync). */
  offlineSync(deviceId: string, patientIds: readonly string[]): void;
  /** The help desk records the device as lost (and turns on lost mode where the device allows it). */
  reportLost(deviceId: string, by: string): void;
  /** Queues a wipe; the device carries it out at its next check-in. */
  wipe(deviceId: string, by: string): boolean;
  /** A wipe has been acknowledged by the device and its offline store is gone. */
  wiped(deviceId: string): boolean;
}

/**
 * Mobile device management for the clinicians' phones and tablets, and the CRM mobile app's offline
 * store on them. Events mirror what an MDM's device inventory and audit log carry (check-ins with
 * `isEncrypted`, `complianceState`; lost mode; remote actions with `actionState`) and the CRM's log of
 * the app's offline priming; the wipe is acknowledged only when the device next checks in.
 */
export function createMdm(ctx: EstateContext): Mdm {
  const devices = new Map(seedDevices(ctx.clock.now()).map((device) => [device.id, device]));
  const emit = (
    device: ManagedDevice,
    action: string,
    actor: string,
    detail: Record<string, string | boolean | number>,
  ) =>
    ctx.bus.emit({
      system: 'mdm',
      action,
      actor: { id: actor, type: actor === device.userPrincipalName ? 'clinician' : 'responder', name: actor },
      sourceIp: MDM_HOST_IP,
      resource: { type: 'managedDevice', id: device.id },
      patientIds: [],
      fields: [],
      outcome: 'success',
      detail: {
        deviceName: device.deviceName,
        userPrincipalName: device.userPrincipalName,
        serialNumber: device.serialNumber,
        ...detail,
      },
    });
  const mdm: Mdm = {
    devices,
    checkIn(deviceId) {
      const device = devices.get(deviceId);
      if (!device) return;
      device.lastSyncDateTime = ctx.clock.now();
      device.complianceState = device.isEncrypted && device.passcodeSet ? 'compliant' : 'noncompliant';
      emit(device, 'mdm.device.checkin', device.userPrincipalName, {
        operatingSystem: device.operatingSystem,
        osVersion: device.osVersion,
        isEncrypted: device.isEncrypted,
        passcodeSet: device.passcodeSet,
        complianceState: device.complianceState,
      });
      for (const action of device.deviceActionResults) {
        if (action.actionState !== 'pending') continue;
        device.offlineCache = { patientIds: [], encrypted: device.offlineCache.encrypted };
        action.actionState = 'done';
        action.lastUpdatedDateTime = ctx.clock.now();
        emit(device, 'mdm.device.action', device.userPrincipalName, {
          actionName: action.actionName,
          actionState: 'done',
        });
      }
    },
    offlineSync(deviceId, patientIds) {
      const device = devices.get(deviceId);
      if (!device) return;
      device.offlineCache.patientIds = [...new Set([...device.offlineCache.patientIds, ...patientIds])];
      ctx.bus.emit({
        system: 'crm',
        action: 'sf.mobile.offline-sync',
        actor: { id: device.userPrincipalName, type: 'clinician', name: device.userPrincipalName },
        clientApp: CRM_MOBILE_APP,
        sourceIp: MDM_HOST_IP,
        resource: { type: 'Account' },
        patientIds: [...patientIds],
        fields: ['Name', 'PersonBirthdate', 'MRN__c', 'PersonMobilePhone'],
        rows: patientIds.length,
        outcome: 'success',
        detail: {
          deviceId,
          deviceName: device.deviceName,
          cacheEncrypted: device.offlineCache.encrypted,
          readable: cacheReadable(device),
        },
      });
    },
    reportLost(deviceId, by) {
      const device = devices.get(deviceId);
      if (!device) return;
      if (device.operatingSystem === 'iOS') device.lostModeState = 'enabled';
      emit(device, 'mdm.device.lost', by, { lostModeState: device.lostModeState });
    },
    wipe(deviceId, by) {
      const device = devices.get(deviceId);
      if (!device) return false;
      if (device.deviceActionResults.some((action) => action.actionName === 'wipe')) return true;
      const now = ctx.clock.now();
      device.deviceActionResults.push({
        actionName: 'wipe',
        actionState: 'pending',
        startDateTime: now,
        lastUpdatedDateTime: now,
        requestedBy: by,
      });
      emit(device, 'mdm.device.action', by, { actionName: 'wipe', actionState: 'pending' });
      return true;
    },
    wiped(deviceId) {
      const device = devices.get(deviceId);
      return (
        device !== undefined &&
        device.offlineCache.patientIds.length === 0 &&
        device.deviceActionResults.some(
          (action) => action.actionName === 'wipe' && action.actionState === 'done',
        )
      );
    },
  };
  return mdm;
}
