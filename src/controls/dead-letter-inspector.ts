import { findPhi } from '../synth/find-phi.ts';
import { defineControl } from './define.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * A queue monitor over the sync job's dead-letter queue on the real broker: it reads each message
 * without consuming it (taken unacknowledged, then requeued) and flags readable PHI, the "PHI
 * remnants in intermediate queues" pattern (164.310(d)(2)(i), 164.530(c)). Idle on the in-memory
 * provider.
 */
export const deadLetterInspector = defineControl({
  id: 'dead-letter-inspector',
  summary: 'Readable PHI in the sync dead-letter queue on the real broker (read without consuming)',
  kind: 'detector',
  rules: ['phi-in-dead-letter-queue'],
  covers: ['sync-failure'],
  scanEveryMs: FIVE_MINUTES,
  start({ infra, raise }) {
    let reported = 0;
    return {
      async onScan() {
        if (!infra) return;
        const held = (await infra.deadLetters()).filter((letter) => findPhi(letter.body).length > 0);
        if (held.length <= reported) return;
        reported = held.length;
        const patientIds = held.map((letter) => patientIdOf(letter.body)).filter((id) => id !== undefined);
        raise({
          rule: 'phi-in-dead-letter-queue',
          severity: 'high',
          summary: `${held.length} dead-lettered sync messages on the broker hold readable PHI`,
          patientIds: [...new Set(patientIds)].sort(),
          evidence: [],
        });
      },
    };
  },
});

function patientIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { patientId?: unknown }).patientId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
