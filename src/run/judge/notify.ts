import { discoveryDates, knowableAt } from '../../breach/knowable.ts';
import { formatDuration } from '../../clock/duration.ts';
import type { NotifyExpectation } from '../../scenario/types.ts';
import type { Observations } from '../observations.ts';
import type { PlannedExpectation } from '../plan.ts';
import type { Verdict } from '../verdict.ts';
import { timedVerdict } from './timing.ts';

/**
 * Notification is under way when a breach-notification task is opened in the CRM or a notice arrives
 * from the organisation's own workflow (SMTP intake), whichever comes first. A task's due date must
 * be counted from discovery: the first signal after the inject (the day the breach was knowable,
 * 164.404(a)(2)), not the day someone triaged it; a notice must arrive before discovery + deadline.
 */
export function judgeNotify(
  expectation: PlannedExpectation & NotifyExpectation,
  seen: Observations,
): Verdict {
  const firstSignal = seen.signals.find((s) => s.time >= expectation.opensAt);
  const task = seen.notificationTasks.find((t) => t.openedAt >= expectation.opensAt);
  const notice = seen.notices.find((n) => n.receivedAt >= expectation.opensAt);
  if (notice && (!task || notice.receivedAt < task.openedAt)) {
    const discovery = firstSignal ? knowableAt(firstSignal) : expectation.opensAt;
    const latest = discovery + expectation.deadlineMs;
    const verdict = timedVerdict(
      expectation,
      notice.receivedAt,
      {
        met: `notice "${notice.subject}" from ${notice.from} reached ${notice.intake}${discoveryDates(firstSignal)}`,
        missed: '',
      },
      [notice.id],
    );
    if (notice.receivedAt <= latest) return verdict;
    return {
      ...verdict,
      status: 'late',
      reason: `notice "${notice.subject}" arrived ${formatDuration(notice.receivedAt - latest)} after discovery + ${expectation.deadline}`,
    };
  }
  if (!task) {
    return timedVerdict(expectation, undefined, {
      met: '',
      missed: 'no breach-notification task was opened and no notice arrived',
    });
  }
  const discovery = firstSignal ? knowableAt(firstSignal) : task.discoveredAt;
  const latestDue = discovery + expectation.deadlineMs;
  if (task.dueAt > latestDue) {
    return timedVerdict(
      expectation,
      undefined,
      {
        met: '',
        missed: `task ${task.id} is due ${formatDuration(task.dueAt - latestDue)} after discovery + ${expectation.deadline} (counted from ${task.discoveredAt === discovery ? 'discovery' : 'a later date than the first signal'})`,
      },
      [task.id],
    );
  }
  return timedVerdict(
    expectation,
    task.openedAt,
    {
      met: `task ${task.id} opened, due ${formatDuration(task.dueAt - discovery)} after discovery (${task.legalBasis})${discoveryDates(firstSignal)}`,
      missed: '',
    },
    [task.id],
  );
}
