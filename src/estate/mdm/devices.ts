/**
 * A device in the MDM's inventory, with the fields an Intune `managedDevice` (Microsoft Graph) reports
 * for the policy and wipe questions: encryption, compliance, supervision, last check-in, and the
 * remote actions sent to it with their state.
 */
export interface ManagedDevice {
  id: string;
  deviceName: string;
  userPrincipalName: string;
  operatingSystem: 'iOS' | 'Android';
  osVersion: string;
  serialNumber: string;
  managedDeviceOwnerType: 'company' | 'personal';
  /** Storage encryption as the device reports it (iOS Data Protection with a passcode; Android FBE). */
  isEncrypted: boolean;
  /** A device passcode is set (without one, iOS Data Protection keys are not protected). */
  passcodeSet: boolean;
  complianceState: 'compliant' | 'noncompliant';
  lostModeState: 'enabled' | 'disabled';
  lastSyncDateTime: number;
  deviceActionResults: DeviceActionResult[];
  /** The CRM mobile app's offline store on this device: what a finder could read. */
  offlineCache: { patientIds: string[]; encrypted: boolean };
}

export interface DeviceActionResult {
  actionName: 'wipe';
  /** Graph `actionState`: pending until the device checks in and carries the action out. */
  actionState: 'pending' | 'done';
  startDateTime: number;
  lastUpdatedDateTime: number;
  requestedBy: string;
}

const CLINICIANS = ['dr.okafor', 'dr.lindqvist', 'np.alvarez', 'rn.chen', 'rn.dube', 'dr.haddad'];

/** The clinicians' company phones and tablets: encrypted, passcode set, compliant. */
export function seedDevices(now: number): ManagedDevice[] {
  return CLINICIANS.map((user, index) => ({
    id: `5f1c0000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    deviceName: `${user.replace('.', '-')}-${index % 2 === 0 ? 'iphone' : 'pixel'}`,
    userPrincipalName: `${user}@clinic.example`,
    operatingSystem: index % 2 === 0 ? 'iOS' : 'Android',
    osVersion: index % 2 === 0 ? '18.1' : '15',
    serialNumber: `ZZTESTSN${String(index + 1).padStart(4, '0')}`,
    managedDeviceOwnerType: 'company',
    isEncrypted: true,
    passcodeSet: true,
    complianceState: 'compliant',
    lostModeState: 'disabled',
    lastSyncDateTime: now,
    deviceActionResults: [],
    offlineCache: { patientIds: [], encrypted: true },
  }));
}

/** Whether what the app caches on the device is readable to whoever holds it. */
export function cacheReadable(device: ManagedDevice): boolean {
  return !(device.isEncrypted && device.passcodeSet) && !device.offlineCache.encrypted;
}
