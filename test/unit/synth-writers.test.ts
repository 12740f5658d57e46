import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../src/csv.ts';
import { CSV_HEADER, patientsToCsv } from '../../src/synth/csv.ts';
import { patientsToFhirNdjson } from '../../src/synth/ndjson.ts';
import type { SyntheticPatient } from '../../src/synth/patient.ts';
import { patientAt, streamPatients } from '../../src/synth/population.ts';

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe('patientsToFhirNdjson', () => {
  it('is byte-identical for the same seed over 200 patients', async () => {
    const a = await collect(patientsToFhirNdjson(streamPatients({ seed: 2026, count: 200 })));
    const b = await collect(patientsToFhirNdjson(streamPatients({ seed: 2026, count: 200 })));
    expect(a.length).toBeGreaterThan(100_000);
    expect(a).toBe(b);
  });

  it('differs for a different seed', async () => {
    const a = await collect(patientsToFhirNdjson(streamPatients({ seed: 2026, count: 200 })));
    const b = await collect(patientsToFhirNdjson(streamPatients({ seed: 2027, count: 200 })));
    expect(a).not.toBe(b);
  });

  it('writes one JSON resource per line, each patient before its own resources', async () => {
    const text = await collect(patientsToFhirNdjson(streamPatients({ seed: 3, count: 20 })));
    const lines = text.trimEnd().split('\n');
    const resources = lines.map((line) => JSON.parse(line) as { resourceType: string; id: string });
    let current = '';
    for (const resource of resources) {
      if (resource.resourceType === 'Patient') current = resource.id;
      else expect(resource.id.startsWith(`${current}-`)).toBe(true);
    }
    expect(resources.filter((r) => r.resourceType === 'Patient')).toHaveLength(20);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('accepts async sources', async () => {
    async function* source(): AsyncGenerator<SyntheticPatient> {
      yield patientAt(1, 0);
    }
    expect(await collect(patientsToFhirNdjson(source()))).toContain('"resourceType":"Patient"');
  });
});

describe('CSV', () => {
  it('quotes only fields with commas, quotes or line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Smith, Jr.')).toBe('"Smith, Jr."');
    expect(csvField('the "Rock"')).toBe('"the ""Rock"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvRow(['a', 1, 'b,c'])).toBe('a,1,"b,c"\r\n');
  });

  it('writes a header and one row per patient', async () => {
    const text = await collect(patientsToCsv(streamPatients({ seed: 4, count: 25 })));
    const rows = text.split('\r\n').filter(Boolean);
    expect(rows[0]).toBe(CSV_HEADER.join(','));
    expect(rows).toHaveLength(26);
    expect(rows[1]!.startsWith('zz-0000000,ZZTEST-00000000,')).toBe(true);
  });

  it('quotes display text that contains commas', async () => {
    const p = patientAt(1, 0);
    const condition = {
      id: `${p.id}-cond-1`,
      code: 'E78.5',
      display: 'Hyperlipidemia, unspecified',
      onset: '2020-01-01',
      clinicalStatus: 'active' as const,
    };
    const withComma = { ...p, conditions: [condition] };
    const text = await collect(patientsToCsv([withComma]));
    expect(text).toContain(',"Hyperlipidemia, unspecified",');
  });
});
