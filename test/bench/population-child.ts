import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { createRegistry } from '../../src/registry.ts';
import { drillMany } from '../../src/run/drill-many.ts';
import { patientsToFhirNdjson } from '../../src/synth/ndjson.ts';
import { streamPatients } from '../../src/synth/population.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

/**
 * One measurement of the population bench, alone in its process so its peak RSS is its own:
 * `seed N` times what `phi-drill synth` does (patients as FHIR NDJSON) against seeding an
 * estate of N; `scenario N file` drills one scenario on N patients. Prints one JSON line.
 */
const [mode, countText, file] = process.argv.slice(2);
const count = Number(countText);
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
/** CPU seconds (user + system) of `work`: on a machine shared with other jobs a rate per wall second measures the neighbours. */
const cpuSeconds = async (work: () => unknown) => {
  const before = process.cpuUsage();
  await work();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1e6;
};

if (mode === 'seed') {
  const sample = Math.min(count, 100_000);
  let bytes = 0;
  // What `phi-drill synth --format fhir-ndjson` does short of the write: patients, their resources, the lines.
  const synth = (patients: number) =>
    cpuSeconds(async () => {
      for await (const chunk of patientsToFhirNdjson(streamPatients({ seed: 7, count: patients })))
        bytes += chunk.length;
    });
  // Both measured warm, as the catalog's long runs are: a first lap of each compiles the code.
  await synth(2_000);
  createEstate({
    clock: new VirtualClock(0),
    bus: new TelemetryBus(new VirtualClock(0)),
    seed: 7,
    patients: 2_000,
  });
  const synthBefore = await synth(sample);
  const clock = new VirtualClock(Date.parse('2026-03-02T13:00:00Z'));
  let estate: ReturnType<typeof createEstate> | undefined;
  const seedCpu = await cpuSeconds(() => {
    estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 7, patients: count });
  });
  // A shared machine's noise falls on either lap; the baseline is synth's faster lap, the stricter ratio.
  const synthCpu = Math.min(synthBefore, await synth(sample));
  const synthPerSec = sample / synthCpu;
  const seedPerSec = count / seedCpu;
  if (bytes === 0 || estate?.population.count !== count) throw new Error('nothing was seeded');
  process.stdout.write(`${JSON.stringify({ synthPerSec, seedPerSec, peakRssMb: peakRssMb() })}\n`);
} else if (mode === 'scenario' && file) {
  const root = await mkdtemp(join(tmpdir(), 'phi-drill-population-'));
  try {
    const began = performance.now();
    const [outcome] = await drillMany(
      [
        {
          index: 0,
          file,
          text: await readFile(file, 'utf8'),
          folder: join(root, 'run'),
          disabledControls: [],
          confirmations: [],
          patients: count,
        },
      ],
      { workers: 1, registry: createRegistry(), env: process.env },
    );
    const ms = performance.now() - began;
    process.stdout.write(
      `${JSON.stringify({ ms, peakRssMb: peakRssMb(), exitCode: outcome!.exitCode, events: outcome!.report.telemetry?.events })}\n`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
} else {
  throw new Error('usage: population-child.ts seed N | scenario N scenario.yaml');
}
