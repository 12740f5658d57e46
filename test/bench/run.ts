import { availableParallelism, loadavg } from 'node:os';
import { createRegistry } from '../../src/registry.ts';
import { benchBrokerSinks } from './broker-sinks-bench.ts';
import { benchCatalog } from './catalog-bench.ts';
import { benchCrmLookups } from './crm-lookup-bench.ts';
import { benchEncoders } from './encoders-bench.ts';
import { benchInProcess } from './in-process-bench.ts';
import { benchInfra } from './infra-bench.ts';
import { benchWebhook } from './intake-bench.ts';
import { benchMatrix } from './matrix-bench.ts';
import { benchScenarioSizes, benchSeeding } from './population-bench.ts';
import { benchPortal } from './portal-bench.ts';
import { benchServe } from './serve-bench.ts';
import { benchServeMemory } from './serve-memory-bench.ts';
import { benchSinks } from './sinks-bench.ts';
import { benchSoak } from './soak-bench.ts';
import { benchSoql } from './soql-bench.ts';
import { benchStartup } from './startup-bench.ts';
import { benchSynth } from './synth-bench.ts';
import { benchTabletop } from './tabletop-bench.tsx';

/**
 * `npm run bench`: throughput as ratios against baselines measured in the same process: estate
 * seeding against synth and one scenario's time and peak RSS at 10k, 100k and 1M patients (each in a
 * child process), SOQL selective queries at 1k vs 100k accounts (and a scan), soak throughput, telemetry encoders and sinks (sustained records/s to loopback receivers, with loss), the webhook intake's
 * alerts/s, the portal in Chromium (each browser scenario's wall time, portal-check per page), the tabletop drill screen's re-render cost with a long session against a short one, then the catalog's wall time on the default population, scenario by scenario in one
 * process and as `phi-drill run` does it (worker threads, one per core). Numbers, not pass/fail.
 */
const registry = createRegistry();
process.stdout.write(
  `load average: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores\n`,
);
const [bareNode, ...startup] = await benchStartup(5);
for (const { command, ms } of startup) {
  process.stdout.write(
    `start-up ${command}: ${ms.toFixed(0)} ms (bare node ${bareNode!.ms.toFixed(0)} ms, ratio ${(ms / bareNode!.ms).toFixed(1)})\n`,
  );
}
await benchSynth(5_000); // warm-up: the first laps measure the JIT, not the generator
const synth = await benchSynth(20_000);
process.stdout.write(
  `synth: ${Math.round(synth.phiDrillPerSec)} patients/s vs bare faker ${Math.round(synth.bareFakerPerSec)}/s (ratio ${synth.ratio.toFixed(2)})\n`,
);

// The first population warms the JIT up; the figures are the two after it.
const [, smallOrg, largeOrg] = benchCrmLookups([1_000, 1_000, 20_000], 10_000);
for (const key of ['byShortIdUs', 'byExternalIdUs', 'upsertUs'] as const) {
  process.stdout.write(
    `crm ${key.replace(/Us$/, '')}: ${largeOrg![key].toFixed(1)} µs at 20,000 accounts vs ${smallOrg![key].toFixed(1)} µs at 1,000 (ratio ${(largeOrg![key] / smallOrg![key]).toFixed(2)}; a scan would be ~20)\n`,
  );
}
// Each size in a child process of its own, so the peak RSS printed is that size's alone.
const POPULATIONS = [10_000, 100_000, 1_000_000];
for (const { patients, synthPerSec, seedPerSec, peakRssMb } of benchSeeding(POPULATIONS)) {
  process.stdout.write(
    `estate seeding at ${patients.toLocaleString('en-US')} patients: ${Math.round(seedPerSec)} patients per CPU second vs synth ${Math.round(synthPerSec)} (ratio ${(seedPerSec / synthPerSec).toFixed(2)}), peak RSS ${Math.round(peakRssMb)} MiB\n`,
  );
}
for (const { patients, ms, peakRssMb, exitCode, events } of benchScenarioSizes(
  'scenarios/oauth-overscope.yaml',
  POPULATIONS,
)) {
  process.stdout.write(
    `oauth-overscope at ${patients.toLocaleString('en-US')} patients: ${(ms / 1000).toFixed(1)} s, peak RSS ${Math.round(peakRssMb)} MiB, exit ${exitCode}, ${events} events\n`,
  );
}
const [, smallTable, largeTable] = benchSoql([1_000, 1_000, 100_000], 10_000);
for (const [key, what] of [
  ['byMrnUs', "WHERE MRN__c = '…' (index)"],
  ['byIdsUs', "WHERE Id IN ('…', '…') (index)"],
  ['scanUs', "WHERE Phone = '…' (scan)"],
  ['sortUs', 'ORDER BY MRN__c LIMIT 500 (scan and sort)'],
] as const) {
  process.stdout.write(
    `soql ${what}: ${largeTable![key].toFixed(1)} µs at 100,000 accounts vs ${smallTable![key].toFixed(1)} µs at 1,000 (ratio ${(largeTable![key] / smallTable![key]).toFixed(2)})\n`,
  );
}
for (const { id, perSec } of await benchEncoders(50_000)) {
  process.stdout.write(`encoder ${id}: ${Math.round(perSec)} events/s\n`);
}
const sinkResults = await benchSinks(50_000);
for (const { sink, perSec, lost } of sinkResults) {
  process.stdout.write(`sink ${sink}: ${Math.round(perSec)} records/s sustained, ${lost} lost\n`);
}
// Brokers against the file sink of the same run: a ratio survives a loaded machine better than a rate.
const fileRate = sinkResults.find((result) => result.sink === 'file')?.perSec ?? Number.NaN;
for (const result of await benchBrokerSinks(50_000)) {
  process.stdout.write(
    'skipped' in result
      ? `sink ${result.sink}: skipped (${result.skipped})\n`
      : `sink ${result.sink}: ${result.perSec} records/s sustained, ${result.lost} lost (file sink ${Math.round(fileRate)}/s, ratio ${(result.perSec / fileRate).toFixed(2)})\n`,
  );
}
// ×3600 must keep pace (ratio ~1.00); ×100000 shows how fast the sinks take a whole day.
for (const { speed, report, paceRatio } of await benchSoak([
  { speed: 3600, durationMs: 6 * 3_600_000 },
  { speed: 100_000, durationMs: 24 * 3_600_000 },
])) {
  const sinks = report.sinks
    .map(
      (sink) =>
        `${sink.id} ${sink.delivered} delivered, ${sink.lost} lost, lag p50 ${sink.lagMs?.p50 ?? '-'} ms p99 ${sink.lagMs?.p99 ?? '-'} ms`,
    )
    .join('; ');
  process.stdout.write(
    `soak ×${speed}: ${report.events} events in ${(report.wallMs / 1000).toFixed(2)} s (${Math.round(report.events / (report.wallMs / 1000))} events/s, pace ratio ${paceRatio.toFixed(2)}); ${sinks}\n`,
  );
}
const webhook = await benchWebhook(5_000);
process.stdout.write(`webhook intake: ${Math.round(webhook.perSec)} signed alerts/s, ${webhook.lost} lost\n`);

const inProcess = await benchInProcess(20_000);
process.stdout.write(
  `in-process FHIR Patient read through estate.fetch: ${inProcess.estateUs.toFixed(1)} µs vs ${inProcess.bareUs.toFixed(1)} µs for a Fetch Request and Response around a plain handler (ratio ${(inProcess.estateUs / inProcess.bareUs).toFixed(1)})\n`,
);
const serve = await benchServe(20_000);
process.stdout.write(
  `serve over loopback: FHIR Patient read ${Math.round(serve.estate.perSec)} req/s, p99 ${serve.estate.p99Ms.toFixed(1)} ms vs bare node:http ${Math.round(serve.bare.perSec)} req/s, p99 ${serve.bare.p99Ms.toFixed(1)} ms (ratio ${serve.ratio.median.toFixed(2)}, median of rounds ${serve.ratio.min.toFixed(2)}–${serve.ratio.max.toFixed(2)}; p99 ×${(serve.estate.p99Ms / serve.bare.p99Ms).toFixed(1)})\n`,
);

const serveMemory = await benchServeMemory(1_000_000);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const [settled, ...later] = serveMemory.samples;
process.stdout.write(
  `serve live heap over ${serveMemory.requests.toLocaleString('en-US')} requests (FHIR reads and searches, CRM queries; --keep-logs 10000): ${mib(settled!.liveBytes)} after warm-up, then ${later.map((sample) => mib(sample.liveBytes)).join(', ')} (last vs warm-up ${((later.at(-1)!.liveBytes - settled!.liveBytes) / 1024 / 1024).toFixed(1)} MiB)\n`,
);

const tabletop = await benchTabletop(200);
process.stdout.write(
  `tabletop drill screen: ${tabletop.longMs.toFixed(2)} ms per update with 1,000 feed items and 500 decisions vs ${tabletop.shortMs.toFixed(2)} ms with 10 (ratio ${tabletop.ratio.toFixed(2)})\n`,
);

const portal = await benchPortal();
for (const { scenario, browserMs, http } of portal.scenarios) {
  const beside = http
    ? ` vs ${(http.ms / 1000).toFixed(1)} s for ${http.scenario} HTTP-only (ratio ${(browserMs / http.ms).toFixed(2)})`
    : ' (browser only)';
  process.stdout.write(`${scenario} in Chromium: ${(browserMs / 1000).toFixed(1)} s wall${beside}\n`);
}
process.stdout.write(
  `portal-check: ${Math.round(portal.checkMsPerPage)} ms per page over ${portal.pages} pages (all checks, sign-out and replay, idle check off) vs ${Math.round(portal.plainMsPerPage)} ms to load a page (ratio ${(portal.checkMsPerPage / portal.plainMsPerPage).toFixed(1)})\n`,
);

const infra = await benchInfra(process.env, 2_000);
process.stdout.write(
  infra
    ? `data plane: ${infra.scenario} (100 patients) ${infra.memoryMs.toFixed(0)} ms in memory vs ${infra.servicesMs.toFixed(0)} ms on services (ratio ${infra.ratio.toFixed(2)}); ${Math.round(infra.stagingRowsPerSec)} staging rows/s into PostgreSQL, ${Math.round(infra.deadLettersPerSec)} dead letters/s through RabbitMQ, ${Math.round(infra.sessionsPerSec)} sessions/s into Redis\n`
    : 'data plane: skipped (set PHI_DRILL_POSTGRES_URL, PHI_DRILL_AMQP_URL, PHI_DRILL_REDIS_URL)\n',
);

await benchCatalog(registry);

const matrix = await benchMatrix(registry);
process.stdout.write(
  `matrix: ${matrix.scenarios} scenarios × ${matrix.columns} monitoring configurations in ${(matrix.wallMs / 1000).toFixed(2)} s, ${Math.round(matrix.eventsPerSec)} telemetry events/s; per column ${(matrix.wallMs / 1000 / matrix.columns).toFixed(2)} s vs ${(matrix.oneColumnMs / 1000).toFixed(2)} s for the reference column alone (ratio ${matrix.perColumnRatio.toFixed(2)})\n`,
);
