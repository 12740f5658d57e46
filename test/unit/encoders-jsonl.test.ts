import { describe, expect, it } from 'vitest';
import { jsonlEncoder } from '../../src/telemetry/encoders/jsonl.ts';
import { ALL_SAMPLES, CONTEXT } from './encoder-samples.ts';

describe('jsonl encoder', () => {
  it('writes every event losslessly on a single line', () => {
    for (const event of ALL_SAMPLES) {
      const line = jsonlEncoder.encode(event, CONTEXT)!;
      expect(line).not.toContain('\n');
      expect(JSON.parse(line)).toEqual(event);
    }
  });

  it('keeps line breaks inside values escaped', () => {
    const [first] = ALL_SAMPLES;
    const line = jsonlEncoder.encode({ ...first!, userAgent: 'a\nb' }, CONTEXT)!;
    expect(line).toContain('"userAgent":"a\\nb"');
  });
});
