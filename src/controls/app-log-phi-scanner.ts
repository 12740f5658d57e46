import type { Estate } from '../estate/estate.ts';
import { APPROVED_LOG_READERS } from '../estate/integration/app-log.ts';
import { findPhi, type PhiKind } from '../synth/find-phi.ts';
import { patientIdAt } from '../synth/patient-ids.ts';
import { defineControl } from './define.ts';
import type { SignalInput } from './signal.ts';

const FIVE_MINUTES = 5 * 60_000;
const ME = 'app-log-phi-scanner';

/** Patients named by MRN in the text (synthetic MRNs are the population index). */
function patientsIn(estate: Estate, text: string): string[] {
  const ids = new Set<string>();
  for (const match of findPhi(text)) {
    if (match.kind !== 'mrn') continue;
    const index = Number(match.match.slice(match.match.indexOf('-') + 1));
    if (index < estate.population.count) ids.add(patientIdAt(index));
  }
  return [...ids];
}

const kindsIn = (text: string): PhiKind[] => [...new Set(findPhi(text).map((match) => match.kind))];

/**
 * A DLP pass over the integration engine's output: PHI patterns in new application log lines and in
 * the error bodies the API gateway mirrors (every five minutes, from a cursor, so never a full
 * re-read), plus a SIEM rule on the log platform's searches: a PHI-bearing logger read by a group the
 * data owner never approved (minimum necessary, 164.502(b), 164.514(d)). Containment: verbose errors
 * and payload logging off, the PHI lines redacted, the log ACL cut back to the approved groups.
 */
export const appLogPhiScanner = defineControl({
  id: ME,
  summary:
    'PHI in application log lines or API error bodies, or PHI-bearing logs read by unapproved groups; redacts and turns verbose errors off',
  kind: 'detector',
  reads: ['logs'],
  rules: ['phi-in-app-log', 'phi-in-error-response', 'phi-log-read-by-unapproved-group'],
  covers: ['phi-in-error-logs'],
  scanEveryMs: FIVE_MINUTES,
  start({ estate, raise }) {
    const { appLog, intake } = estate.integration;
    let logCursor = 0;
    let errorCursor = 0;
    /** Unredacted PHI-bearing lines (number and patients named), per logger. */
    const phiLines = new Map<string, Array<{ seq: number; patients: string[] }>>();
    const open = new Set<string>();
    const once = (signal: SignalInput) => {
      if (open.has(signal.rule)) return;
      open.add(signal.rule);
      raise(signal);
    };
    const contain = () => {
      intake.config.verboseErrors = false;
      intake.config.logPayloads = false;
      appLog.config.readers = appLog.config.readers.filter((group) => APPROVED_LOG_READERS.includes(group));
      appLog.redact(
        [...phiLines.values()].flat().map((line) => line.seq),
        ME,
      );
      phiLines.clear();
      open.clear();
    };
    /** Catches up on log lines written since the last look; returns the new PHI-bearing ones. */
    const scanLog = () => {
      const fresh = appLog.records.slice(logCursor);
      logCursor = appLog.records.length;
      const found: Array<{ seq: number; kinds: PhiKind[]; patients: string[] }> = [];
      for (const record of fresh) {
        if (record.redactedAt !== undefined) continue;
        const text = JSON.stringify(record);
        const kinds = kindsIn(text);
        if (kinds.length === 0) continue;
        const line = { seq: record.seq, kinds, patients: patientsIn(estate, text) };
        phiLines.set(record.logger, [...(phiLines.get(record.logger) ?? []), line]);
        found.push(line);
      }
      return found;
    };
    return {
      onScan() {
        const lines = scanLog();
        const errors = intake.captured.slice(errorCursor).filter((error) => kindsIn(error.body).length > 0);
        errorCursor = intake.captured.length;
        if (lines.length > 0) {
          once({
            rule: 'phi-in-app-log',
            severity: 'high',
            summary: `${lines.length} new application log lines carry PHI (${[...new Set(lines.flatMap((l) => l.kinds))].join(', ')})`,
            patientIds: [...new Set(lines.flatMap((line) => line.patients))],
            evidence: [],
          });
        }
        if (errors.length > 0) {
          once({
            rule: 'phi-in-error-response',
            severity: 'high',
            summary: `${errors.length} API error responses echoed patient records back to the caller`,
            patientIds: [...new Set(errors.flatMap((error) => patientsIn(estate, error.body)))],
            evidence: [],
          });
        }
        if (lines.length + errors.length > 0) contain();
      },
      onEvent(event) {
        if (event.action !== 'applog.search' || event.outcome !== 'success' || !event.rows) return;
        const group = String(event.detail?.group ?? '');
        if (APPROVED_LOG_READERS.includes(group)) return;
        scanLog();
        const lines = phiLines.get(event.resource.id ?? '') ?? [];
        if (lines.length === 0) return;
        once({
          rule: 'phi-log-read-by-unapproved-group',
          severity: 'high',
          summary: `${event.actor.name ?? event.actor.id} (${group}) searched ${event.resource.id}, which holds ${lines.length} PHI-bearing lines`,
          patientIds: [...new Set(lines.flatMap((line) => line.patients))],
          evidence: [event.id],
          correlationId: event.correlationId,
        });
        contain();
      },
    };
  },
});
