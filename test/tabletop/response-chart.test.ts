import { describe, expect, test } from 'vitest';
import type { Verdict } from '../../src/run/verdict.ts';
import { responseChart } from '../../src/tabletop/response-chart.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

function verdict(id: string, status: Verdict['status'], windowMs: number, latencyMs?: number): Verdict {
  return {
    expectationId: id,
    type: 'detect',
    injectId: 'pull',
    status,
    windowMs,
    injectedAt: 0,
    ...(latencyMs === undefined ? {} : { latencyMs, observedAt: latencyMs }),
    reason: '',
    evidence: [],
  };
}

/** Column of the first of `marks` on a chart row, counted from the start of the track. */
function mark(row: string, marks: RegExp, nameWidth: number): number {
  return row.slice(nameWidth).search(marks);
}

describe('response against the clock', () => {
  const chart = responseChart([
    verdict('seen', 'met', 30 * MIN, 20 * MIN),
    verdict('slow', 'late', 30 * MIN, 3 * 60 * MIN),
    verdict('nobody', 'missed', 2 * 60 * MIN),
    verdict('manual', 'not-applicable', 60 * MIN),
    verdict('notice', 'met', 60 * DAY + 9 * 60 * MIN - 1000, 10 * DAY),
  ]);
  const width = 'nobody'.length + 2;
  const [axis, seen, slow, nobody, notice] = chart;

  test('one row per judged expectation under a log-scale axis that ends at the longest window', () => {
    expect(chart).toHaveLength(5);
    expect(axis).toMatch(/^ {8}1m +10m +1h +6h +1d +7d +30d$/);
    expect(chart.join('\n')).not.toContain('manual');
    // Equal ratios take equal room: 1m→10m is as wide as 6h→60h would be.
    expect(axis!.indexOf('10m') - axis!.indexOf('1m')).toBeGreaterThan(
      axis!.indexOf('1h') - axis!.indexOf('10m'),
    );
  });

  test('met is ● inside its window, late is ▲ past the window end, missed is ✗ at the window end', () => {
    expect(seen).toMatch(/^seen {4}─+●┤ +met in 20m \(window 30m\)$/);
    expect(mark(slow!, /▲/, width)).toBeGreaterThan(mark(slow!, /┤/, width));
    expect(slow).toMatch(/late in 3h \(window 30m\)$/);
    expect(nobody).toMatch(/^nobody {2}─+✗ +missed \(window 2h\)$/);
    expect(nobody).not.toMatch(/[●▲┤]/);
    expect(notice).toMatch(/met in 10d \(window 60d9h\)$/);
    expect(mark(notice!, /┤/, width)).toBe(40);
  });

  test('a verdict on delivered telemetry marks where the record was published, apart from the alert', () => {
    const slowPipeline: Verdict = {
      ...verdict('elf', 'late', 15 * MIN, 6 * 60 * MIN + 3 * MIN),
      delivery: { source: 'crm-elf-hourly', occurredAt: 0, deliveredAt: 2 * 60 * MIN },
    };
    const [, drawn] = responseChart([slowPipeline]);
    expect(drawn).toMatch(/late in 6h3m, of which delivery 2h \(crm-elf-hourly\) \(window 15m\)$/);
    expect(mark(drawn!, /◇/, 5)).toBeGreaterThan(mark(drawn!, /┤/, 5));
    expect(mark(drawn!, /◇/, 5)).toBeLessThan(mark(drawn!, /▲/, 5));
    // Published in the alert's own column: the response mark wins, the label still tells the pipeline.
    const sameColumn = {
      ...slowPipeline,
      delivery: { ...slowPipeline.delivery!, deliveredAt: 6 * 60 * MIN },
    };
    expect(responseChart([sameColumn])[1]).toMatch(
      /─+┤ +▲ +late in 6h3m, of which delivery 6h \(crm-elf-hourly\)/,
    );
    // Without a delivery note (a state scan) there is no publication mark.
    expect(seen).not.toContain('◇');
    expect(seen).not.toContain('delivery');
    // A 1 s forwarder flush is not worth a mark: delivery is not what took the time.
    const quick = {
      ...slowPipeline,
      delivery: { source: 'log-forwarder' as const, occurredAt: 0, deliveredAt: 1000 },
    };
    expect(responseChart([quick])[1]).not.toMatch(/◇|delivery/);
  });

  test('nothing judged draws nothing, and a very long id is cut with an ellipsis', () => {
    expect(responseChart([verdict('only', 'not-applicable', MIN)])).toEqual([]);
    const long = 'x'.repeat(60);
    const [, row] = responseChart([verdict(long, 'met', 10 * MIN, MIN)]);
    expect(row).toMatch(new RegExp(`^${'x'.repeat(43)}… {2}●`));
  });
});
