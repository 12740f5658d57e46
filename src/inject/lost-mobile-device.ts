import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { defineInjector } from './define.ts';

const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

/**
 * A home-health nurse's personal Android phone was enrolled with an exception: no passcode and no
 * storage encryption, and the CRM mobile app's offline store is left unencrypted on it. Before a day
 * of visits the app primes the offline store with the caseload; the phone is then lost and reported
 * to the help desk. It reconnects now and then (on cellular), which is when a wipe can land.
 */
export const lostMobileDevice = defineInjector({
  id: 'lost-mobile-device',
  summary: 'A clinician’s phone holding the CRM app’s unencrypted offline store of patient records is lost',
  attack: ['T1409', 'T1533'],
  hipaa: ['164.310(d)(1)', '164.312(a)(2)(iv)', '164.310(c)', '164.308(a)(1)(ii)(D)'],
  dossier: {
    dossier: 'legal-consequences',
    failure: 'CRM mobile apps storing PHI in device local storage without encryption',
  },
  detection:
    'MDM check-in with isEncrypted false (or no passcode) on a device whose CRM app primed PHI offline; a lost report for it; the wipe’s acknowledgement',
  params: z.strictObject({
    device: z.int().min(0).max(5).default(3).describe('Which managed device (inventory index) is lost'),
    deviceEncrypted: z
      .boolean()
      .default(false)
      .describe('The device’s real storage encryption (with passcode); true drills the safe-harbour variant'),
    patients: z.int().min(1).max(500).default(40).describe('Patients the app primes into the offline store'),
    lostAfter: duration('2h', 'Delay from the offline sync to the lost report'),
    reconnectEvery: duration('20m', 'How often the lost device reaches the MDM (when a wipe can land)'),
    reconnects: z.int().min(0).max(100).default(12).describe('How many times the lost device reconnects'),
  }),
  conditions: ['device-wiped'],
  encryptionParam: 'deviceEncrypted',
  async apply({ estate, later, exposed }, params) {
    const { mdm } = estate;
    const device = [...mdm.devices.values()][params.device]!;
    const saved = {
      isEncrypted: device.isEncrypted,
      passcodeSet: device.passcodeSet,
      offlineCache: { ...device.offlineCache, patientIds: [...device.offlineCache.patientIds] },
      managedDeviceOwnerType: device.managedDeviceOwnerType,
    };
    device.isEncrypted = params.deviceEncrypted;
    device.passcodeSet = params.deviceEncrypted;
    device.managedDeviceOwnerType = 'personal';
    device.offlineCache = { patientIds: [], encrypted: params.deviceEncrypted };
    mdm.checkIn(device.id);
    const { count } = estate.population;
    const caseload = Array.from(
      { length: Math.min(params.patients, count) },
      (_, n) => estate.population.patient((200 + n * 11) % count).id,
    );
    mdm.offlineSync(device.id, caseload);
    const lostAfter = parseDuration(params.lostAfter)!;
    const every = parseDuration(params.reconnectEvery)!;
    later(lostAfter, 'lost-mobile-device: the clinician reports the phone lost', () => {
      // Whoever holds the phone holds its offline store; the assessment follows what protected it:
      // storage encryption with a passcode, as the device really had it when it was lost.
      exposed([...device.offlineCache.patientIds], {
        encrypted: device.isEncrypted && device.passcodeSet,
        keyCompromised: false,
      });
      mdm.reportLost(device.id, 'helpdesk@clinic.example');
    });
    for (let n = 1; n <= params.reconnects; n++)
      later(lostAfter + n * every, 'lost-mobile-device: the lost phone reaches the MDM', () =>
        mdm.checkIn(device.id),
      );
    return {
      probes: { 'device-wiped': () => mdm.wiped(device.id) },
      revert() {
        Object.assign(device, saved);
        device.lostModeState = 'disabled';
        device.deviceActionResults = [];
      },
    };
  },
});
