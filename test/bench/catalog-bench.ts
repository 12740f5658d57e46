import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '../../src/registry.ts';
import { drillMany } from '../../src/run/drill-many.ts';
import { defaultJobs } from '../../src/run/parallel.ts';
import { benchFloor } from './floor-bench.ts';

/**
 * The catalog's wall time on the default population, scenario by scenario in one process and as
 * `phi-drill run` does it (worker threads, one per core), then its floor: the same number of
 * telemetry events, estate requests and patients done bare (floor-bench.ts), and the ratios.
 */
export async function benchCatalog(registry: Registry): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'phi-drill-bench-'));
  const files = (await readdir('scenarios')).filter((name) => name.endsWith('.yaml')).sort();
  const jobsFor = async (label: string) =>
    Promise.all(
      files.map(async (name, index) => ({
        index,
        file: join('scenarios', name),
        text: await readFile(join('scenarios', name), 'utf8'),
        folder: join(root, label, name.replace(/\.yaml$/, '')),
        disabledControls: [],
        confirmations: [],
      })),
    );

  let events = 0;
  let patients = 0;
  let serialMs = 0;
  // Every estate request is one Fetch Request: counted here, in this thread, for the floor below.
  const FetchRequest = globalThis.Request;
  let requests = 0;
  globalThis.Request = class CountedRequest extends FetchRequest {
    constructor(...args: ConstructorParameters<typeof FetchRequest>) {
      super(...args);
      requests += 1;
    }
  };
  const serialCpuStart = process.cpuUsage();
  for (const job of await jobsFor('serial')) {
    const began = performance.now();
    const [outcome] = await drillMany([{ ...job, index: 0 }], { workers: 1, registry, env: process.env });
    const ms = performance.now() - began;
    serialMs += ms;
    events += outcome!.report.telemetry?.events ?? 0;
    patients += outcome!.report.run.patients;
    process.stdout.write(
      `scenario ${job.file}: ${ms.toFixed(0)} ms, ${outcome!.report.telemetry?.events} events\n`,
    );
  }
  process.stdout.write(
    `catalog, one process: ${files.length} scenarios in ${(serialMs / 1000).toFixed(2)} s (${Math.round(events / (serialMs / 1000))} telemetry events/s)\n`,
  );
  const serialCpu = process.cpuUsage(serialCpuStart);
  const catalogCpuMs = (serialCpu.user + serialCpu.system) / 1000;
  globalThis.Request = FetchRequest;
  const workers = defaultJobs(files.length);
  const began = performance.now();
  await drillMany(await jobsFor('parallel'), { workers, registry, env: process.env });
  const parallelMs = performance.now() - began;
  process.stdout.write(
    `catalog, ${workers} lanes (this thread and ${workers - 1} worker thread(s)): ${(parallelMs / 1000).toFixed(2)} s\n`,
  );
  // The floor is a few seconds after a long run on a shared machine: the median of three is the figure.
  const floors = [];
  for (let round = 0; round < 3; round++) floors.push(await benchFloor({ events, requests, patients }, root));
  const floor = floors.toSorted((a, b) => a.cpuMs - b.cpuMs)[1]!;
  process.stdout.write(
    `floor (median of 3 by CPU time; rounds ${floors.map((round) => (round.cpuMs / 1000).toFixed(2)).join(', ')} CPU-s): ${events} events stringified+hashed+written ${floor.parts.eventsMs.toFixed(0)} ms, ${requests} Fetch Request/Response pairs with a plain handler ${floor.parts.requestsMs.toFixed(0)} ms, ${patients} patients generated ${floor.parts.patientsMs.toFixed(0)} ms: ${(floor.wallMs / 1000).toFixed(2)} s wall, ${(floor.cpuMs / 1000).toFixed(2)} CPU-s\n` +
      `catalog vs floor: one process ${(serialMs / 1000).toFixed(2)} s wall (ratio ${(serialMs / floor.wallMs).toFixed(1)}), ${(catalogCpuMs / 1000).toFixed(2)} CPU-s (ratio ${(catalogCpuMs / floor.cpuMs).toFixed(1)}); ${workers} lanes ${(parallelMs / 1000).toFixed(2)} s wall (ratio ${(parallelMs / floor.wallMs).toFixed(1)})\n`,
  );
  await rm(root, { recursive: true, force: true });
}
