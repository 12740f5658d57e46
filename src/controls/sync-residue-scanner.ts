import { findPhi } from '../synth/find-phi.ts';
import { defineControl } from './define.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * Scans the integration's dead-letter queue, staging table and error log for readable PHI, the
 * residue a failed sync leaves behind (164.312(a)(2)(iv), 164.530(c)). On a finding it runs the
 * containment playbook: purge the residue.
 */
export const syncResidueScanner = defineControl({
  id: 'sync-residue-scanner',
  summary: 'PHI at rest in the sync job’s dead-letter queue, plaintext staging rows or error log; purges it',
  kind: 'detector',
  rules: ['phi-in-dead-letter', 'phi-in-staging', 'phi-in-error-log'],
  covers: ['sync-failure'],
  scanEveryMs: FIVE_MINUTES,
  start({ estate, raise }) {
    const seen = new Set<string>();
    const report = (rule: string, key: string, patientIds: string[], summary: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      raise({ rule, severity: 'high', summary, patientIds, evidence: [] });
    };
    return {
      onScan() {
        const { state } = estate.sync;
        const dead = state.deadLetter.filter((letter) => findPhi(JSON.stringify(letter.payload)).length > 0);
        if (dead.length > 0) {
          report(
            'phi-in-dead-letter',
            `dlq:${dead.length}`,
            dead.map((letter) => letter.payload.patientId),
            `${dead.length} dead-lettered sync messages hold readable PHI`,
          );
        }
        const staged = [...state.staging.values()].filter(
          (row) => !row.encrypted && findPhi(row.payload).length > 0,
        );
        if (staged.length > 0) {
          report(
            'phi-in-staging',
            `staging:${staged.length}`,
            staged.map((row) => row.patientId),
            `${staged.length} plaintext staging rows hold PHI`,
          );
        }
        const logged = state.errorLog.filter((line) => line.payload && findPhi(line.payload).length > 0);
        if (logged.length > 0) {
          report(
            'phi-in-error-log',
            `log:${logged.length}`,
            [],
            `${logged.length} sync error-log lines carry full patient records`,
          );
        }
        if (dead.length + staged.length + logged.length > 0) estate.sync.purge('sync-residue-scanner');
      },
    };
  },
});
