import { describe, expect, it } from 'vitest';
import { BUILT_IN_ENCODERS, checkEncoders, encoderById } from '../../src/telemetry/encoders/index.ts';
import { jsonlEncoder } from '../../src/telemetry/encoders/jsonl.ts';
import { ALL_SAMPLES, CONTEXT } from './encoder-samples.ts';

describe('encoder registry', () => {
  it('lists every built-in format once, by the ids target files use', () => {
    expect(BUILT_IN_ENCODERS.map((e) => e.id)).toEqual([
      'elf-csv',
      'rtem-json',
      'fhir-audit',
      'access-log',
      'app-log',
      'cef',
      'ocsf',
      'jsonl',
    ]);
    expect(encoderById('cef')?.contentType).toBe('text/plain');
    expect(encoderById('syslog')).toBeUndefined();
  });

  it('rejects two encoders with the same id', () => {
    expect(() => checkEncoders([jsonlEncoder, { ...jsonlEncoder }])).toThrow('duplicate encoder id: jsonl');
  });

  it('encodes every kind of event without throwing, as text or undefined, and only header-bearing formats have headers', () => {
    for (const encoder of BUILT_IN_ENCODERS) {
      for (const event of ALL_SAMPLES) {
        const text = encoder.encode(event, CONTEXT);
        expect(text === undefined || (typeof text === 'string' && text.length > 0)).toBe(true);
        if (encoder.contentType.includes('json'))
          expect(text === undefined || JSON.parse(text) !== null).toBe(true);
        if (encoder.header && text !== undefined) expect(encoder.header(event)).toMatch(/^"EVENT_TYPE",/);
      }
    }
  });
});
