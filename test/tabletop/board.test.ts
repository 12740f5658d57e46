import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/run/verdict.ts';
import { boardRows, deadlineRows, type InjectProgress } from '../../src/tabletop/board.ts';
import type { BoardRow } from '../../src/tabletop/types.ts';
import { openSession } from './tabletop-harness.ts';

const MINUTE = 60_000;
const LANDED_AT = Date.UTC(2026, 2, 2, 19, 0, 0);

/** A log verdict judged as things stand: the one access made so far (a patient's own sign-in) is audited. */
const auditedSoFar: Verdict = {
  expectationId: 'audit-kiosk-views',
  type: 'log',
  injectId: 'kiosk-reuse',
  status: 'met',
  windowMs: 30 * MINUTE,
  injectedAt: LANDED_AT,
  observedAt: LANDED_AT,
  latencyMs: 0,
  reason: '1 of 1 reads recorded in portal-access-log',
  evidence: ['log-000001'],
};
const detected: Verdict = {
  ...auditedSoFar,
  expectationId: 'detect-reuse',
  type: 'detect',
  reason: 'Raised reuse-after-logout',
};

const progress = (awaiting: boolean): InjectProgress => ({
  landed: () => true,
  awaitingReads: () => awaiting,
});

const board = (verdicts: Verdict[], awaiting: boolean, final = false, now = LANDED_AT + MINUTE) =>
  boardRows([], verdicts, now, progress(awaiting), final).map(({ id, status, detail }) => ({
    id,
    status,
    detail,
  }));

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

describe('boardRows for a log expectation', () => {
  it('waits, rather than showing the audit met, while the inject has not yet read the records it exposes', () => {
    const rows = board([auditedSoFar, detected], true);
    expect(rows[0]).toEqual({
      id: 'audit-kiosk-views',
      status: 'waiting',
      detail: "kiosk-reuse is under way and has not yet read anyone's records: nothing to audit so far",
    });
    // Other kinds of expectation are judged as they stand: an alert on the sign-in is an alert.
    expect(rows[1]!.status).toBe('met');
  });

  it('shows the provisional verdict once the reads have begun, and the final verdict whatever came before', () => {
    expect(board([auditedSoFar], false)[0]!.status).toBe('met');
    expect(board([{ ...auditedSoFar, status: 'missed', observedAt: undefined }], false)[0]!.status).toBe(
      'open',
    );
    expect(board([auditedSoFar], true, true)[0]!.status).toBe('met');
  });

  it("stops waiting once the window has closed, so an inject that reads nobody's records cannot hide it", () => {
    const afterWindow = LANDED_AT + 31 * MINUTE;
    const unaudited: Verdict = {
      ...auditedSoFar,
      status: 'missed',
      observedAt: undefined,
      latencyMs: undefined,
    };
    expect(board([unaudited], true, false, afterWindow)[0]!.status).toBe('overdue');
    expect(board([auditedSoFar], true, false, afterWindow)[0]!.status).toBe('met');
    expect(board([auditedSoFar], true, false, LANDED_AT + 30 * MINUTE)[0]!.status).toBe('waiting');
  });

  it('on a live session, waits until the kiosk is reused, then shows the views audited', async () => {
    const { session } = await openSession();
    const row = () => session.view().board.find((r) => r.id === 'audit-kiosk-views')!;
    session.advanceToNextInject();
    await session.settled();
    // Landed: the patient signed in and looked at their own appointments; nobody else has read them.
    expect(row().status).toBe('waiting');
    session.jump(10 * MINUTE);
    await session.settled();
    expect(row().status).toBe('waiting');
    session.jump(15 * MINUTE);
    await session.settled();
    expect(row().status).toBe('met');
    expect(row().detail).toMatch(/reads recorded in portal-access-log/);
    session.dispose();
  });
});

describe('delivery on the board', () => {
  const delivery = {
    source: 'crm-elf-daily' as const,
    occurredAt: LANDED_AT,
    deliveredAt: LANDED_AT + 37 * 60 * MINUTE,
  };
  const late: Verdict = { ...detected, status: 'late', latencyMs: 37 * 60 * MINUTE, delivery };

  it('carries the delivery note of a verdict judged on delivered telemetry, and none otherwise', () => {
    const [withNote] = boardRows([], [late], LANDED_AT + 38 * 60 * MINUTE, progress(false), true);
    expect(withNote!.delivery).toEqual(delivery);
    const [without] = boardRows([], [detected], LANDED_AT + MINUTE, progress(false), true);
    expect(without!.delivery).toBeUndefined();
  });

  it('drops the note while a log row still waits for the inject’s reads', () => {
    const waiting = { ...auditedSoFar, delivery };
    const [row] = boardRows([], [waiting], LANDED_AT + MINUTE, progress(true), false);
    expect(row).toMatchObject({ status: 'waiting' });
    expect(row!.delivery).toBeUndefined();
  });
});
