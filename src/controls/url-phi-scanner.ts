import type { TelemetryEvent } from '../telemetry/event.ts';
import { defineControl } from './define.ts';
import type { Severity } from './signal.ts';
import { phiInUrl } from './url-phi.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * Looks for identifiers in URLs, where every proxy, log and analytics vendor can read them
 * (164.502(a), 164.514(d)): portal request targets, the portal access log, and the Referer and page
 * address of hits sent to third parties. One signal per rule: the first finding opens the incident.
 * Responds by switching the appointment finder back to POST and stripping the analytics tag.
 */
export const urlPhiScanner = defineControl({
  id: 'url-phi-scanner',
  summary:
    'PHI in portal URLs, access-log lines and third-party Referers; switches the finder back to POST and strips the analytics tag',
  kind: 'detector',
  reads: ['logs'],
  rules: ['phi-in-referer', 'phi-in-url', 'phi-in-access-log'],
  covers: ['phi-in-url'],
  scanEveryMs: FIVE_MINUTES,
  start({ estate, raise }) {
    const raised = new Set<string>();
    // Patients behind page addresses already seen carrying PHI, so a later Referer can name them.
    const pagePatients = new Map<string, string[]>();
    let scanned = 0;
    const contain = () => {
      estate.portal.state.config.finder = { method: 'post', analyticsTag: false };
    };
    const report = (
      rule: string,
      severity: Severity,
      summary: string,
      patientIds: string[],
      event?: TelemetryEvent,
    ) => {
      contain();
      if (raised.has(rule)) return;
      raised.add(rule);
      raise({
        rule,
        severity,
        summary,
        patientIds,
        evidence: event ? [event.id] : [],
        correlationId: event?.correlationId,
      });
    };
    return {
      onEvent(event) {
        if (event.system !== 'portal') return;
        if (event.action === 'portal.egress') {
          const referer = typeof event.detail?.referer === 'string' ? event.detail.referer : '';
          const found = [...new Set([...phiInUrl(referer), ...phiInUrl(event.uri ?? '')])].sort();
          if (found.length === 0) return;
          const patients = pagePatients.get(referer.replace(/^https?:\/\/[^/]+/i, '')) ?? [];
          report(
            'phi-in-referer',
            'high',
            `page address carrying ${found.join(', ')} sent to ${event.detail?.destinationHost} from ${event.sourceIp}`,
            patients,
            event,
          );
          return;
        }
        const found = phiInUrl(event.uri ?? '');
        if (found.length === 0) return;
        pagePatients.set(event.uri!, event.patientIds);
        report(
          'phi-in-url',
          'medium',
          `${event.method} ${event.uri!.split('?')[0]} carries ${found.join(', ')} in its URL`,
          event.patientIds,
          event,
        );
      },
      onScan() {
        const log = estate.portal.state.accessLog;
        const lines = log.slice(scanned).filter((line) => line.query && phiInUrl(line.query).length > 0);
        scanned = log.length;
        if (lines.length === 0) return;
        const patientIds = [...new Set(lines.flatMap((line) => (line.patientId ? [line.patientId] : [])))];
        report(
          'phi-in-access-log',
          'medium',
          `${lines.length} portal access-log lines hold identifiers in their query strings`,
          patientIds,
        );
      },
    };
  },
});
