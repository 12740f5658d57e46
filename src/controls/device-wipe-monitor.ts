import { detailBoolean, detailString } from '../telemetry/encoders/event-facts.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { defineControl } from './define.ts';
import { firstTime } from './first-time.ts';

const SCAN_EVERY_MS = 15 * 60_000;
const WIPE_ACK_WITHIN_MS = 60 * 60_000;
const ME = 'device-wipe-monitor';

interface DeviceView {
  /** From the last check-in: storage encrypted with a passcode set. */
  protected?: boolean;
  cacheEncrypted?: boolean;
  patients: Set<string>;
  wipeIssuedAt?: number;
  wipeDone?: boolean;
}

/**
 * Device policy and remote wipe for the CRM mobile app's offline PHI (164.310(d)(1), 164.312(a)(2)(iv)):
 * it joins the MDM's check-ins (`isEncrypted`, `passcodeSet`) with the app's offline syncs (which
 * patients, whether the store is encrypted). PHI primed onto a device whose storage is unprotected is
 * reported; a lost report for a device holding PHI raises and wipes it (critical when the PHI is
 * readable, medium when encryption protects it); a wipe not acknowledged within an hour is reported
 * on the 15-minute scan, since until the device checks in the PHI is still on it.
 */
export const deviceWipeMonitor = defineControl({
  id: ME,
  summary:
    'PHI cached on an unprotected device; a lost device holding PHI (wiped); a wipe left unacknowledged',
  kind: 'detector',
  reads: ['logs', 'crm'],
  rules: ['phi-on-unprotected-device', 'lost-device-with-phi', 'wipe-not-acknowledged'],
  covers: ['lost-mobile-device'],
  scanEveryMs: SCAN_EVERY_MS,
  start({ estate, raise, clock }) {
    const devices = new Map<string, DeviceView>();
    const firstFor = firstTime();
    const view = (id: string) => {
      let device = devices.get(id);
      if (!device) {
        device = { patients: new Set() };
        devices.set(id, device);
      }
      return device;
    };
    const readable = (device: DeviceView) => device.protected === false && device.cacheEncrypted !== true;
    const once = (key: string, signal: () => void) => {
      if (firstFor(key)) signal();
    };
    const unprotected = (id: string, device: DeviceView, event: TelemetryEvent) => {
      if (!readable(device) || device.patients.size === 0) return;
      once(`unprotected:${id}`, () =>
        raise({
          rule: 'phi-on-unprotected-device',
          severity: 'high',
          summary: `${device.patients.size} patients' records cached unencrypted on ${detailString(event, 'deviceName') ?? id}`,
          patientIds: [...device.patients],
          evidence: [event.id],
        }),
      );
    };
    return {
      onEvent(event) {
        const id = event.system === 'mdm' ? event.resource.id : detailString(event, 'deviceId');
        if (!id) return;
        if (event.system === 'crm' && event.action === 'sf.mobile.offline-sync') {
          const device = view(id);
          for (const patient of event.patientIds) device.patients.add(patient);
          device.cacheEncrypted = detailBoolean(event, 'cacheEncrypted');
          return unprotected(id, device, event);
        }
        if (event.system !== 'mdm') return;
        const device = view(id);
        if (event.action === 'mdm.device.checkin') {
          device.protected =
            detailBoolean(event, 'isEncrypted') === true && detailBoolean(event, 'passcodeSet') === true;
          return unprotected(id, device, event);
        }
        if (event.action === 'mdm.device.action' && detailString(event, 'actionName') === 'wipe') {
          if (detailString(event, 'actionState') === 'done') device.wipeDone = true;
          else device.wipeIssuedAt ??= event.time;
          return;
        }
        if (event.action !== 'mdm.device.lost' || device.patients.size === 0) return;
        once(`lost:${id}`, () =>
          raise({
            rule: 'lost-device-with-phi',
            severity: readable(device) ? 'critical' : 'medium',
            summary: `${detailString(event, 'deviceName') ?? id} reported lost holding ${device.patients.size} patients' records${
              readable(device) ? ' unencrypted' : ' (encrypted)'
            }; wipe sent`,
            patientIds: [...device.patients],
            evidence: [event.id],
          }),
        );
        estate.mdm.wipe(id, ME);
      },
      onScan() {
        for (const [id, device] of devices) {
          if (device.wipeIssuedAt === undefined || device.wipeDone) continue;
          if (clock.now() - device.wipeIssuedAt < WIPE_ACK_WITHIN_MS) continue;
          once(`unacknowledged:${id}`, () =>
            raise({
              rule: 'wipe-not-acknowledged',
              severity: 'high',
              summary: `wipe of ${id} pending for ${Math.round((clock.now() - device.wipeIssuedAt!) / 60_000)} min: the device has not checked in`,
              patientIds: [...device.patients],
              evidence: [],
            }),
          );
        }
      },
    };
  },
});
