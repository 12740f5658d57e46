import { describe, expect, it } from 'vitest';
import { findDiagnoses } from '../../src/synth/find-diagnosis.ts';

describe('findDiagnoses', () => {
  it('finds ICD-10-CM codes and display names from the condition table, in order', () => {
    const found = findDiagnoses('Diagnosis on file: B20 Human immunodeficiency virus [HIV] disease');
    expect(found.map((match) => [match.match, match.entry.code, match.entry.sensitive])).toEqual([
      ['B20', 'B20', 'hiv'],
      ['Human immunodeficiency virus [HIV] disease', 'B20', 'hiv'],
    ]);
  });

  it('matches display names whatever the case, and the longest of overlapping ones', () => {
    expect(findDiagnoses('reason: generalized ANXIETY disorder').map((m) => m.entry.code)).toEqual(['F41.1']);
    expect(findDiagnoses('Type 2 diabetes mellitus without complications')).toHaveLength(1);
  });

  it('ignores codes inside other tokens and ordinary reminder text', () => {
    expect(findDiagnoses('ticket AI100 and room I10A, version 2.I10')).toEqual([]);
    expect(
      findDiagnoses('Hello Ann,\n\nThis is a reminder of your appointment on Wednesday, March 4 at 09:30.'),
    ).toEqual([]);
  });
});
