import type { Encoder } from './encoder.ts';

/** The TelemetryEvent itself, one JSON document per line: the lossless format every other one is cut from. */
export const jsonlEncoder: Encoder = {
  id: 'jsonl',
  contentType: 'application/x-ndjson',
  encode: (event) => JSON.stringify(event),
};
