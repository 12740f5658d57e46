import { findPhi } from '../synth/find-phi.ts';
import { defineControl } from './define.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * A database PHI scanner over the sync job's staging table on the real PostgreSQL server, the way
 * a DLP or database-activity tool finds "PHI cached in unencrypted staging databases"
 * (164.312(a)(2)(iv)). Ciphertext rows pass; plaintext rows holding identifiers are a finding.
 * Reads only: containment is the sync owners' job. Idle on the in-memory provider.
 */
export const stagingTableScanner = defineControl({
  id: 'staging-table-scanner',
  summary: 'Plaintext PHI in the sync staging table on the real database (SQL scan)',
  kind: 'detector',
  rules: ['phi-in-staging-table'],
  covers: ['sync-failure'],
  scanEveryMs: FIVE_MINUTES,
  start({ infra, raise }) {
    let reported = 0;
    return {
      async onScan() {
        if (!infra) return;
        const rows = (await infra.stagingRows()).filter(
          (row) => !row.encrypted && findPhi(row.payload).length > 0,
        );
        if (rows.length <= reported) return;
        reported = rows.length;
        raise({
          rule: 'phi-in-staging-table',
          severity: 'high',
          summary: `${rows.length} plaintext rows in the sync staging table hold PHI`,
          patientIds: [...new Set(rows.map((row) => row.patientId))].sort(),
          evidence: [],
        });
      },
    };
  },
});
