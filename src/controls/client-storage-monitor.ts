import { defineControl } from './define.ts';

/**
 * Reads the portal's client error beacons from its application log: a dashboard that finds a profile
 * cached in `localStorage` for someone other than the patient signed in means an earlier patient's
 * PHI was left on a shared device and read by the next person. Responds by stopping the cache and
 * having every device clear the portal's storage on its next signed-out load (Clear-Site-Data).
 */
export const clientStorageMonitor = defineControl({
  id: 'client-storage-monitor',
  summary:
    "A previous patient's profile found in a shared device's browser storage; stops the cache and clears devices",
  kind: 'detector',
  reads: ['logs'],
  rules: ['stale-profile-on-device'],
  covers: ['portal-storage-residue'],
  start({ estate, raise }) {
    let raised = false;
    return {
      onEvent(event) {
        if (event.system !== 'portal' || event.action !== 'portal.client.stale-profile') return;
        const cached = event.detail?.cachedPatient;
        if (typeof cached !== 'string') return;
        if (!raised) {
          raised = true;
          raise({
            rule: 'stale-profile-on-device',
            severity: 'high',
            summary: `a previous patient's profile was still in browser storage on ${event.sourceIp} when another patient signed in`,
            patientIds: [cached],
            evidence: [event.id],
            correlationId: event.correlationId,
          });
        }
        if (estate.portal.state.config.clearSiteData) return;
        estate.portal.state.clearDeviceStorage('client-storage-monitor');
      },
    };
  },
});
