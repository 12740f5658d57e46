import { describe, expect, it } from 'vitest';
import { actionEntry, decisionEntry, hotwashEntry, ratingEntry } from '../../src/tabletop/table-entries.ts';

const drill = { judged: true, exercised: (type: string) => type === 'detect' };

describe("the table's entries", () => {
  it('trims what was typed and keeps who said it', () => {
    expect(decisionEntry(5, { by: 'Ana', role: 'ir-lead', text: '  isolate the app ' })).toEqual({
      entry: { kind: 'tabletop.decision', at: 5, by: 'Ana', role: 'ir-lead', text: 'isolate the app' },
    });
    expect(hotwashEntry(6, { category: 'strength', text: ' fast triage ' }).entry).toMatchObject({
      kind: 'tabletop.hotwash',
      text: 'fast triage',
    });
  });

  it.each([
    [
      'an empty decision',
      decisionEntry(0, { by: 'Ana', role: 'ir-lead', text: '   ' }),
      'a decision needs words',
    ],
    [
      'an empty observation',
      hotwashEntry(0, { category: 'note', text: '' }),
      'an empty observation is not recorded',
    ],
    [
      'a due date that is not a date',
      actionEntry(0, { action: 'Rotate keys', owner: 'CRM admin', due: '31/12/2026', capability: 'detect' }),
      'due date "31/12/2026" is not YYYY-MM-DD',
    ],
    [
      'an improvement without an owner',
      actionEntry(0, { action: 'Rotate keys', owner: ' ', due: '2026-12-31', capability: 'detect' }),
      'an improvement needs a corrective action and an owner',
    ],
    [
      'a rating before the drill is judged',
      ratingEntry(0, 'detect', 'P', { ...drill, judged: false }),
      'capabilities are rated once the drill is judged',
    ],
    [
      'a capability the drill never exercised',
      ratingEntry(0, 'notify', 'P', drill),
      'the drill exercised no "notify" capability',
    ],
    [
      'a rating that is not P, S, M or U',
      ratingEntry(0, 'detect', 'X' as 'P', drill),
      '"X" is not a rating: P, S, M or U',
    ],
  ])('refuses %s', (_, checked, problem) => {
    expect(checked).toEqual({ problem });
  });

  it('records a valid rating', () => {
    expect(ratingEntry(9, 'detect', 'S', drill)).toEqual({
      entry: { kind: 'tabletop.rating', at: 9, capability: 'detect', rating: 'S' },
    });
  });
});
