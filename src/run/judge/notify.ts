import { formatDuration } from '../../clock/duration.ts';
import type { NotifyExpectation } from '../../scenario/types.ts';
import type { Observations } from '../observations.ts';
import type { PlannedExpectation } from '../plan.ts';
import type { Verdict } from '../verdict.ts';
import { timedVerdict } from './timing.ts';

/**
 * A notification task must be opened, and its due date must be counted from discovery: the first
 * signal after the inject (the day the breach was knowable, 164.404(a)(2)), not the day someone
 * triaged it. A task due later than discovery + deadline is wrong even if it was opened on time.
 */
export function judgeNotify(
  expectation: PlannedExpectation & NotifyExpectation,
  seen: Observations,
): Verdict {
  const firstSignal = seen.signals.find((s) => s.time >= expectation.opensAt);
  const task = seen.notificationTasks.find((t) => t.openedAt >= expectation.opensAt);
  if (!task) {
    return timedVerdict(expectation, undefined, {
      met: '',
      missed: 'no breach-notification task was opened',
    });
  }
  const discovery = firstSignal?.time ?? task.discoveredAt;
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
      met: `task ${task.id} opened, due ${formatDuration(task.dueAt - discovery)} after discovery (${task.legalBasis})`,
      missed: '',
    },
    [task.id],
  );
}
