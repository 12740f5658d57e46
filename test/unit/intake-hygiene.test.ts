import { describe, expect, it } from 'vitest';
import { nestingDepth, parseAlertBatch, parseAlertOutput } from '../../src/controls/intakes/alert-json.ts';
import type { LedgerEntryInput } from '../../src/evidence/entries.ts';
import { RECORDED_UNAUTHENTICATED, rejectionTally } from '../../src/target/rejection-tally.ts';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('alert nesting', () => {
  it('measures depth without recursion, stopping early past a limit', () => {
    expect(nestingDepth(1)).toBe(0);
    expect(nestingDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(nestingDepth(JSON.parse(nested(50_000)))).toBe(50_000);
    expect(nestingDepth(JSON.parse(nested(50_000)), 10)).toBe(11);
  });

  it('accepts an alert 64 levels deep and refuses one level more, in batches and in command output', () => {
    const at = (depth: number) => `{"a":${nested(depth - 1)}}`;
    expect(parseAlertBatch(at(64)).ok).toBe(true);
    expect(parseAlertBatch(at(65))).toEqual({ ok: false, reason: 'nested more than 64 levels deep' });
    expect(parseAlertOutput(`{"n":1}\n${at(5000)}\n{"n":2}\n`)).toEqual({
      alerts: [{ n: 1 }, { n: 2 }],
      errors: [{ line: 2, reason: 'nested more than 64 levels deep' }],
    });
  });
});

describe('refusal accounting', () => {
  it('records unauthenticated refusals one by one up to a limit, then counts them and summarises at close', () => {
    const entries: LedgerEntryInput[] = [];
    const tally = rejectionTally({ append: (entry) => entries.push(entry) as never });
    for (let i = 0; i < 500; i += 1)
      tally.reject({ intake: 'hook', receivedAt: i, status: 401, reason: 'unsigned' });
    tally.reject({ intake: 'hook', receivedAt: 600, status: 400, reason: 'malformed' });
    tally.summarise(700);
    expect(entries.filter((entry) => entry.kind === 'intake.rejected')).toHaveLength(
      RECORDED_UNAUTHENTICATED + 1,
    );
    expect(entries.at(-1)).toEqual({
      kind: 'intake.rejections',
      at: 700,
      intake: 'hook',
      status: 401,
      count: 500,
      recorded: RECORDED_UNAUTHENTICATED,
      firstAt: 0,
      lastAt: 499,
    });
  });

  it('writes no summary when nothing unauthenticated arrived', () => {
    const entries: LedgerEntryInput[] = [];
    const tally = rejectionTally({ append: (entry) => entries.push(entry) as never });
    tally.reject({ intake: 'hook', receivedAt: 1, status: 413, reason: 'too large' });
    tally.summarise(2);
    expect(entries.map((entry) => entry.kind)).toEqual(['intake.rejected']);
  });
});
