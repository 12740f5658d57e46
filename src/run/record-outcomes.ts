import type { Estate } from '../estate/estate.ts';
import type { NotificationTaskRecord } from '../estate/notification-desk.ts';
import type { Ledger } from '../evidence/ledger.ts';
import { patientIndexOf } from '../synth/patient-ids.ts';
import type { InjectRecord } from './inject-runner.ts';
import type { Plan } from './plan.ts';

/** Ledger entries for whose PHI each inject exposed, counted by state of residence. */
export function recordExposure(records: Iterable<InjectRecord>, estate: Estate, ledger: Ledger): void {
  for (const record of records) {
    if (record.exposed.size === 0) continue;
    const byState: Record<string, number> = {};
    for (const patientId of record.exposed) {
      const index = patientIndexOf(patientId);
      const state = index === undefined ? 'unknown' : estate.population.patient(index).address.state;
      byState[state] = (byState[state] ?? 0) + 1;
    }
    ledger.append({
      kind: 'exposure',
      at: estate.clock.now(),
      injectId: record.planned.id,
      individuals: record.exposed.size,
      byState: Object.fromEntries(Object.entries(byState).sort(([a], [b]) => a.localeCompare(b))),
    });
  }
}

/** Ledger entries for the breach-notification tasks the organisation opened during the run. */
export function recordNotificationTasks(
  plan: Plan,
  estate: Estate,
  ledger: Ledger,
): NotificationTaskRecord[] {
  const tasks = estate.notificationTasks();
  for (const task of tasks) {
    ledger.append({
      kind: 'notification.task',
      at: task.openedAt,
      taskId: task.id,
      injectId: plan.injects.findLast((inject) => inject.at <= task.openedAt)?.id ?? '',
      discoveredAt: task.discoveredAt,
      dueAt: task.dueAt,
      legalBasis: task.legalBasis,
      openedBy: task.openedBy,
    });
  }
  return tasks;
}

/** Manual confirmations supplied up front, each at its offset from the expectation's inject. */
export function recordConfirmations(
  plan: Plan,
  confirmations: ReadonlyMap<string, { offsetMs: number; by: string }>,
  ledger: Ledger,
  now: number,
): Map<string, { at: number; by: string }> {
  const confirmed = new Map<string, { at: number; by: string }>();
  for (const [expectationId, given] of confirmations) {
    const expectation = plan.expectations.find((e) => e.id === expectationId);
    if (!expectation) continue;
    const at = expectation.opensAt + given.offsetMs;
    confirmed.set(expectationId, { at, by: given.by });
    ledger.append({ kind: 'manual.confirmed', at: now, expectationId, by: given.by, confirmedAt: at });
  }
  return confirmed;
}
