import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillMany } from '../../src/run/drill-many.ts';
import type { DrillJob, WorkerMessage } from '../../src/run/parallel.ts';
import { registry } from './drill-harness.ts';

const CATALOG = ['portal-session-reuse', 'phi-in-url', 'queue-remnants', 'fls-overexposure'];

async function jobs(root: string, patients: number[]): Promise<DrillJob[]> {
  return Promise.all(
    CATALOG.map(async (id, index) => ({
      index,
      file: `scenarios/${id}.yaml`,
      text: await readFile(`scenarios/${id}.yaml`, 'utf8'),
      folder: join(root, id),
      disabledControls: [],
      patients: patients[index]!,
      confirmations: [],
    })),
  );
}

describe('drilling on several lanes (this thread and worker threads)', () => {
  it('drills every job exactly once, biggest estate first, and returns outcomes in job order', async () => {
    const root = await mkdtemp(join(tmpdir(), 'phi-drill-lanes-'));
    const done: number[] = [];
    const outcomes = await drillMany(await jobs(root, [60, 50, 200, 40]), {
      workers: 3,
      registry,
      env: {},
      onMessage: (message: WorkerMessage) => {
        if (message.kind === 'done') done.push(message.index);
      },
    });
    expect(outcomes.map((outcome) => outcome.report.run.scenarioId)).toEqual(CATALOG);
    expect(done.toSorted()).toEqual([0, 1, 2, 3]);
    expect((await readdir(root)).toSorted()).toEqual(CATALOG.toSorted());
    // Three lanes, four jobs: the biggest (index 2) is claimed first, the smallest (3) last.
    expect(done.at(-1)).not.toBe(2);
  });

  it('a job that cannot be drilled fails the whole run, naming its file, and nothing more is claimed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'phi-drill-lanes-'));
    const blocker = join(root, 'not-a-folder');
    await writeFile(blocker, '');
    const all = await jobs(root, [40, 40, 40, 40]);
    const broken = all.map((job) => (job.index === 0 ? { ...job, folder: join(blocker, 'run') } : job));
    await expect(drillMany(broken, { workers: 2, registry, env: {} })).rejects.toThrow(
      /^drill of scenarios\/portal-session-reuse\.yaml failed: .*ENOTDIR/,
    );
    // The failing job was claimed first and failed before the worker thread had loaded its code.
    expect(await readdir(root)).toEqual(['not-a-folder']);
  });
});
