import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataPlane } from '../../src/infra/data-plane.ts';
import { readServiceUrls } from '../../src/infra/service-urls.ts';
import { createRegistry } from '../../src/registry.ts';
import { drillMany } from '../../src/run/drill-many.ts';

export interface InfraBench {
  scenario: string;
  memoryMs: number;
  servicesMs: number;
  /** services ÷ memory wall time for the same scenario. */
  ratio: number;
  stagingRowsPerSec: number;
  deadLettersPerSec: number;
  sessionsPerSec: number;
}

/**
 * The data plane on real servers against the in-memory default: one scenario's wall time on each
 * (same seed and population, one process), then raw write rates through the same write-behind
 * queue a run uses: staging rows into PostgreSQL, dead letters through RabbitMQ's DLX, sessions
 * into Redis. Undefined when PHI_DRILL_*_URL are not set.
 */
export async function benchInfra(
  env: Readonly<Record<string, string | undefined>>,
  writes: number,
): Promise<InfraBench | undefined> {
  const urls = readServiceUrls(env);
  if (!urls.ok) return undefined;
  const registry = createRegistry();
  const scenario = 'scenarios/sync-failure.yaml';
  const text = await readFile(scenario, 'utf8');
  const root = await mkdtemp(join(tmpdir(), 'phi-drill-infra-bench-'));
  try {
    const timed = async (label: string, infra?: { kind: 'services'; urls: typeof urls.urls }) => {
      const began = performance.now();
      const job = {
        index: 0,
        file: scenario,
        text,
        folder: join(root, label),
        disabledControls: [],
        confirmations: [],
        patients: 100,
        ...(infra ? { infra } : {}),
      };
      await drillMany([job], { workers: 1, registry, env });
      return performance.now() - began;
    };
    const memoryMs = await timed('memory');
    const servicesMs = await timed('services', { kind: 'services', urls: urls.urls });

    const plane = await openDataPlane({
      kind: 'services',
      urls: urls.urls,
      namespace: `phi_drill_bench_${randomBytes(4).toString('hex')}`,
      onLost: () => {},
    });
    const rate = async (write: (i: number) => void) => {
      const began = performance.now();
      for (let i = 0; i < writes; i++) write(i);
      await plane.settle();
      return writes / ((performance.now() - began) / 1000);
    };
    const change = {
      patientId: 'zz-0000001',
      mrn: 'SYN-0000001',
      account: { FirstName: 'Zed', SSN__c: '666-10-0001' },
    };
    try {
      const stagingRowsPerSec = await rate((i) =>
        plane.estateHooks.syncResidue.staged({
          id: `row-${i}`,
          messageId: `msg-${i}`,
          patientId: change.patientId,
          writtenAt: 0,
          encrypted: false,
          payload: JSON.stringify(change),
        }),
      );
      const deadLettersPerSec = await rate((i) =>
        plane.estateHooks.syncResidue.deadLettered({
          message: { id: `msg-${i}`, change, enqueuedAt: 0, attempts: 3, offset: i },
          payload: change,
          deadLetteredAt: 0,
          lastError: '503',
        }),
      );
      const sessionsPerSec = await rate((i) =>
        plane.estateHooks.sessionStore.save({
          id: i.toString(16).padStart(64, '0'),
          patientId: change.patientId,
          createdAt: 0,
          lastSeenAt: i,
          sourceIp: '203.0.113.7',
        }),
      );
      return {
        scenario,
        memoryMs,
        servicesMs,
        ratio: servicesMs / memoryMs,
        stagingRowsPerSec,
        deadLettersPerSec,
        sessionsPerSec,
      };
    } finally {
      await plane.remove();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
