import type { SObjectRecord } from '../estate/crm/index.ts';
import { findPhi } from '../synth/find-phi.ts';
import { isWorkstationIp } from '../synth/identifiers.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { defineControl } from './define.ts';

const SCAN_EVERY_MS = 15 * 60_000;
const ME = 'public-file-link-guard';
const RESPONDER = { id: ME, type: 'responder' as const, name: ME };
/** Where the guard's link revocations come from (RFC 5737 documentation range). */
const CONSOLE_IP = '192.0.2.12';

/** Files are tagged with the patient in Title/Description; that is what marks one as PHI. */
function holdsPhi(version: SObjectRecord | undefined): boolean {
  return version !== undefined && findPhi(`${version.Title ?? ''}\n${version.Description ?? ''}`).length > 0;
}

/**
 * Watches CRM Files for recordings and documents that carry PHI (164.312(a)(2)(iv), 164.502(a)):
 * a PHI file saved without encryption and a public link (ContentDistribution) to a PHI file, both
 * from a pass over new uploads and links every 15 minutes, as a poll of the org would see them; and
 * a download of a PHI file through a public link from outside the clinic network, from file-event
 * telemetry, at once. Containment: delete the distribution, so the link stops working.
 */
export const publicFileLinkGuard = defineControl({
  id: ME,
  summary: 'Unencrypted PHI file; public link to a PHI file; outside download of it; revokes the link',
  kind: 'detector',
  reads: ['crm'],
  rules: ['unencrypted-phi-file', 'public-link-phi-file', 'external-phi-download'],
  covers: ['telehealth-recording-exposed'],
  scanEveryMs: SCAN_EVERY_MS,
  start({ estate, raise, clock }) {
    const { files } = estate.crm;
    const uploads = new Set<string>();
    const links = new Set<string>();
    const flagged = new Set<string>();
    const report = (
      rule: string,
      key: string,
      severity: 'medium' | 'high' | 'critical',
      summary: string,
      version: SObjectRecord | undefined,
      event?: TelemetryEvent,
    ) => {
      if (flagged.has(`${rule}:${key}`)) return;
      flagged.add(`${rule}:${key}`);
      raise({
        rule,
        severity,
        summary,
        patientIds: files.patientIdsOf(version),
        evidence: event ? [event.id] : [],
        ...(event?.correlationId ? { correlationId: event.correlationId } : {}),
      });
    };
    const revoke = (distributionId: string) =>
      files.revokeLink(distributionId, RESPONDER, {
        sourceIp: CONSOLE_IP,
        requestId: estate.context.nextId('req'),
      });

    return {
      onEvent(event) {
        if (event.system !== 'crm' || event.outcome !== 'success' || !event.resource.id) return;
        if (event.action === 'sf.file.upload') uploads.add(event.resource.id);
        if (event.action === 'sf.file.share') links.add(event.resource.id);
        if (event.action !== 'sf.file.download' || isWorkstationIp(event.sourceIp)) return;
        const version = files.version(String(event.detail?.versionId));
        if (!holdsPhi(version)) return;
        report(
          'external-phi-download',
          event.resource.id,
          'critical',
          `"${version!.Title}" downloaded through a public link from ${event.sourceIp}`,
          version,
          event,
        );
        revoke(event.resource.id);
      },
      onScan() {
        for (const id of uploads) {
          const version = files.version(id);
          if (version?.Encrypted_At_Rest__c !== false || !holdsPhi(version)) continue;
          report(
            'unencrypted-phi-file',
            id,
            'medium',
            `"${version.Title}" is stored without encryption`,
            version,
          );
        }
        uploads.clear();
        for (const id of links) {
          const distribution = estate.crm.state.records.get('ContentDistribution', id);
          const version = files.version(distribution?.ContentVersionId as string | undefined);
          if (!files.isLive(distribution) || !holdsPhi(version)) continue;
          const age = Math.round((clock.now() - Date.parse(String(distribution!.CreatedDate))) / 60_000);
          report(
            'public-link-phi-file',
            id,
            'high',
            `public link to "${version!.Title}" open for ${age} min`,
            version,
          );
          revoke(id);
        }
        links.clear();
      },
    };
  },
});
