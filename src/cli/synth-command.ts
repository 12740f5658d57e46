import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { elapsedMs } from '../clock/clock.ts';
import { patientsToCsv } from '../synth/csv.ts';
import { patientsToFhirNdjson } from '../synth/ndjson.ts';
import type { SyntheticPatient } from '../synth/patient.ts';
import { MAX_PATIENTS, MAX_SEED, streamPatients } from '../synth/population.ts';
import { parseOrExplain, UsageError } from './usage.ts';

export interface SynthIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
}

const FORMATS = {
  'fhir-ndjson': patientsToFhirNdjson,
  csv: patientsToCsv,
} as const;
type Format = keyof typeof FORMATS;

export const SYNTH_USAGE =
  'usage: phi-drill synth --patients N [--seed S] [--format fhir-ndjson|csv] [--out FILE]\n' +
  `  --patients  how many patients, 1..${MAX_PATIENTS}\n` +
  `  --seed      population seed, 0..${MAX_SEED} (default 1); same seed, same bytes\n` +
  '  --format    fhir-ndjson (default) or csv\n' +
  '  --out       file to write (default: stdout)\n';

interface SynthOptions {
  patients: number;
  seed: number;
  format: Format;
  out?: string;
}

/** Writes are batched to about this size; each batch is awaited, which is the back-pressure. */
const BATCH_BYTES = 1 << 16;
const PROGRESS_EVERY_MS = 100;

function parseInteger(flag: string, text: string | undefined, min: number, max: number): number {
  const value = text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be an integer in ${min}..${max}, got ${JSON.stringify(text ?? '')}`);
  }
  return value;
}

function parseSynthArgs(argv: string[]): SynthOptions | 'help' {
  let values: { patients?: string; seed?: string; format?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        patients: { type: 'string' },
        seed: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (values.patients === undefined) throw new UsageError('--patients is required');
  const format = values.format ?? 'fhir-ndjson';
  if (!Object.hasOwn(FORMATS, format)) {
    throw new UsageError(
      `--format must be one of ${Object.keys(FORMATS).join(', ')}, got ${JSON.stringify(format)}`,
    );
  }
  if (values.out === '') throw new UsageError('--out needs a file name');
  return {
    patients: parseInteger('patients', values.patients, 1, MAX_PATIENTS),
    seed: parseInteger('seed', values.seed ?? '1', 0, MAX_SEED),
    format: format as Format,
    out: values.out,
  };
}

async function writeToStream(stream: NodeJS.WritableStream, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
}

/** Batches chunks, awaits every write, and fsyncs before closing so "done" means on disk. */
async function writeToFile(path: string, chunks: AsyncIterable<string>): Promise<void> {
  const handle = await open(path, 'w');
  try {
    let batch = '';
    for await (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= BATCH_BYTES) {
        await handle.write(batch);
        batch = '';
      }
    }
    if (batch) await handle.write(batch);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * `phi-drill synth`: writes a synthetic population as FHIR NDJSON or CSV. `argv` are the arguments
 * after the command name. Returns the process exit code: 0 done, 1 write failed, 2 bad usage.
 */
export async function synthCommand(argv: string[], io: SynthIo): Promise<number> {
  const parsed = parseOrExplain('synth', SYNTH_USAGE, () => parseSynthArgs(argv), io);
  if (!parsed.ok) return parsed.exitCode;
  const { patients, seed, format, out } = parsed.value;
  const showProgress = io.isTTY && out !== undefined;
  let done = 0;
  let lastShown = elapsedMs();
  const progress = (): void => {
    const now = elapsedMs();
    if (now - lastShown < PROGRESS_EVERY_MS) return;
    lastShown = now;
    io.stderr.write(`\rsynth: ${done}/${patients} patients (${Math.floor((done / patients) * 100)}%)`);
  };
  function* counted(source: Iterable<SyntheticPatient>): Generator<SyntheticPatient> {
    for (const patient of source) {
      yield patient;
      done += 1;
      if (showProgress) progress();
    }
  }
  const chunks = FORMATS[format](counted(streamPatients({ seed, count: patients })));
  try {
    if (out === undefined) await writeToStream(io.stdout, chunks);
    else await writeToFile(out, chunks);
  } catch (error) {
    io.stderr.write(
      `${showProgress ? '\n' : ''}phi-drill synth: writing failed: ${(error as Error).message}\n`,
    );
    return 1;
  }
  const summary = `synth: wrote ${patients} patients (seed ${seed}, ${format}) to ${out ?? 'stdout'}`;
  io.stderr.write(showProgress ? `\r${summary}\x1b[K\n` : `${summary}\n`);
  return 0;
}
