import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { toFhirPatient } from '../../src/synth/fhir.ts';
import { streamPatients } from '../../src/synth/population.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';
import { ALL_SAMPLES } from '../unit/encoder-samples.ts';

/** How much of each kind of work the catalog did: what the floor repeats, bare. */
export interface CatalogWork {
  events: number;
  requests: number;
  patients: number;
}

export interface FloorResult {
  wallMs: number;
  cpuMs: number;
  parts: { eventsMs: number; requestsMs: number; patientsMs: number };
}

/** Every event stringified, hashed and written, in 256 KiB chunks with one fsync at the end. */
function events(count: number, folder: string): void {
  const fd = openSync(join(folder, 'floor-events.jsonl'), 'w');
  const hash = createHash('sha256');
  let chunk: string[] = [];
  let bytes = 0;
  const flush = () => {
    const buffer = Buffer.from(chunk.join(''), 'utf8');
    hash.update(buffer);
    for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset);
    chunk = [];
    bytes = 0;
  };
  for (let i = 0; i < count; i += 1) {
    const sample = ALL_SAMPLES[i % ALL_SAMPLES.length]!;
    const event: TelemetryEvent = {
      ...sample,
      id: `evt-${String(i).padStart(6, '0')}`,
      time: sample.time + i,
    };
    const line = `${JSON.stringify(event)}\n`;
    chunk.push(line);
    bytes += line.length;
    if (bytes >= 256 * 1024) flush();
  }
  flush();
  if (hash.digest('hex').length !== 64) throw new Error('no hash');
  fsyncSync(fd);
  closeSync(fd);
}

/** A plain handler: reads the path, answers JSON. What any in-process HTTP simulation must at least do. */
function handler(request: Request): Response {
  return Response.json({ path: new URL(request.url).pathname, method: request.method });
}

/** A Fetch Request and Response per request, the handler called directly, the body read as the caller would. */
export async function requests(count: number): Promise<void> {
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const request = new Request(`https://estate.phi-drill.test/fhir/R4/Patient/p-${i}`, {
      headers: { authorization: 'Bearer floor', 'x-request-id': `req-${i}` },
    });
    bytes += (await handler(request).text()).length;
  }
  if (bytes === 0) throw new Error('no responses');
}

/** Patients from the generator, as FHIR resources: what seeding the estate cannot do with less. */
function patients(count: number): void {
  let bytes = 0;
  for (const patient of streamPatients({ seed: 1, count }))
    bytes += JSON.stringify(toFhirPatient(patient)).length;
  if (bytes === 0) throw new Error('no patients');
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The catalog's work done bare, in this process: the figure the catalog's own time is a ratio
 * of. Each part is timed on its own so a regression can be placed; a short warm-up runs first so
 * the floor is measured with optimised code, as the catalog's long runs are.
 */
export async function benchFloor(work: CatalogWork, folder: string): Promise<FloorResult> {
  for (const [kind, count] of Object.entries(work))
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`${kind} must be a whole number, got ${count}`);
  events(Math.min(work.events, 2_000), folder);
  await requests(Math.min(work.requests, 2_000));
  patients(Math.min(work.patients, 500));
  const wallStart = performance.now();
  const cpuStart = cpuMs();
  const eventsMs = lap(() => events(work.events, folder));
  const began = performance.now();
  await requests(work.requests);
  const requestsMs = performance.now() - began;
  const patientsMs = lap(() => patients(work.patients));
  return {
    wallMs: performance.now() - wallStart,
    cpuMs: cpuMs() - cpuStart,
    parts: { eventsMs, requestsMs, patientsMs },
  };
}

function lap(work: () => void): number {
  const began = performance.now();
  work();
  return performance.now() - began;
}
