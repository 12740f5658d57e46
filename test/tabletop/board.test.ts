import { describe, expect, it } from 'vitest';
import { deadlineRows } from '../../src/tabletop/board.ts';
import type { BoardRow } from '../../src/tabletop/types.ts';

const row = (
  id: string,
  closesAt: string,
  deadline?: string,
  status: BoardRow['status'] = 'open',
): BoardRow => ({
  id,
  type: 'notify',
  inject: 'leak',
  status,
  closesAt: Date.parse(closesAt),
  detail: '',
  ...(deadline ? { deadline } : {}),
});

describe('deadlineRows', () => {
  it("dates each deadline as the law counts it: the jurisdiction's day, or the organisation's for a task", () => {
    const rows = deadlineRows(
      [
        // Due at the end of 2 April in Washington: already 3 April in UTC.
        row('notices:state-individual:WA', '2026-04-03T06:59:59Z', '2026-04-02T23:59:59-07:00'),
        // A task due 60 days after discovery, late evening in New York: 2 May in UTC.
        row('open-notification-task', '2026-05-02T03:00:00Z'),
        row('notices:individual', '2026-05-02T03:59:59Z', '2026-05-01T23:59:59-04:00', 'met'),
        row('notices:media:CA', '2026-05-02T06:59:59Z', '2026-05-01T23:59:59-07:00', 'not-applicable'),
      ],
      'America/New_York',
    );
    expect(rows.map(({ id, label, dueDate, sent }) => ({ id, label, dueDate, sent }))).toEqual([
      {
        id: 'notices:state-individual:WA',
        label: 'state-individual notice, WA',
        dueDate: '2026-04-02',
        sent: false,
      },
      {
        id: 'open-notification-task',
        label: 'open-notification-task (notification task)',
        dueDate: '2026-05-01',
        sent: false,
      },
      { id: 'notices:individual', label: 'individual notice (164.404)', dueDate: '2026-05-01', sent: true },
    ]);
  });
});
