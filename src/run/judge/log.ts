import { formatDuration } from '../../clock/duration.ts';
import type { LogExpectation } from '../../scenario/types.ts';
import { type DeliveryNote, describeDelivery } from '../../telemetry/delivery/delivery-note.ts';
import type { Observations } from '../observations.ts';
import type { PlannedExpectation } from '../plan.ts';
import type { Verdict } from '../verdict.ts';
import { timedVerdict } from './timing.ts';

function present(value: unknown): boolean {
  return (
    value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
  );
}

/** The words a report looks for: records aged out before the investigation, so the breach's scope is unknown. */
export const SCOPE_NOT_FROM_LOGS = 'the scope cannot be established from logs';

/**
 * Every access the inject made must have an audit record in the trail carrying every required field;
 * the latency is that of the slowest record. One gap is enough to miss: an auditor asks about all of them.
 */
export function judgeLog(expectation: PlannedExpectation & LogExpectation, seen: Observations): Verdict {
  // Disclosures are what an auditor asks about: every read the inject made that returned data
  // from the system the trail covers.
  const scope = seen.trailScope(expectation.trail);
  const accesses = seen
    .accesses(expectation.inject)
    .filter((a) => a.method === 'GET' && a.status >= 200 && a.status < 300 && a.path.startsWith(scope));
  if (accesses.length === 0) {
    return timedVerdict(expectation, undefined, {
      met: '',
      missed: `the inject made no accesses for ${expectation.trail} to record`,
    });
  }
  const lookAt =
    expectation.investigateAfterMs === undefined
      ? undefined
      : expectation.opensAt + expectation.investigateAfterMs;
  const missing: string[] = [];
  const incomplete: string[] = [];
  const expired: string[] = [];
  const dropped: Array<{ requestId: string; source: string }> = [];
  const evidence: string[] = [];
  let slowest = expectation.opensAt;
  let slowestDelivery: DeliveryNote | undefined;
  for (const access of accesses) {
    const record = seen.trailRecord(expectation.trail, access.requestId);
    if (!record) {
      missing.push(access.requestId);
      continue;
    }
    // A best-effort source (server access logs) may never deliver a record at all.
    if (record.availability?.availableAt === Number.POSITIVE_INFINITY) {
      dropped.push({ requestId: access.requestId, source: record.availability.source });
      continue;
    }
    const available = record.availability?.availableAt ?? record.time;
    const retrievedAt = Math.max(available, lookAt ?? available);
    if (record.availability && retrievedAt > record.availability.retainedUntil) {
      expired.push(access.requestId);
      continue;
    }
    const absent = expectation.fields.filter((field) => !present(record.value(field)));
    if (absent.length > 0) incomplete.push(`${access.requestId} lacks ${absent.join(', ')}`);
    evidence.push(record.id);
    if (retrievedAt >= slowest) {
      slowest = retrievedAt;
      slowestDelivery = record.availability && {
        source: record.availability.source,
        occurredAt: record.time,
        deliveredAt: available,
      };
    }
  }
  if (missing.length + incomplete.length + expired.length + dropped.length > 0) {
    const parts = [
      missing.length > 0
        ? `${missing.length} of ${accesses.length} accesses have no ${expectation.trail} record`
        : '',
      incomplete.length > 0 ? `${incomplete.length} records miss required fields (${incomplete[0]})` : '',
      expired.length > 0
        ? `${expired.length} of ${accesses.length} records were past their retention when the investigation looked at +${formatDuration(expectation.investigateAfterMs ?? 0)}: ${SCOPE_NOT_FROM_LOGS}`
        : '',
      dropped.length > 0
        ? `${dropped.length} of ${accesses.length} records were never delivered by ${dropped[0]!.source} (best-effort delivery): ${SCOPE_NOT_FROM_LOGS}`
        : '',
    ].filter(Boolean);
    return timedVerdict(expectation, undefined, { met: '', missed: parts.join('; ') }, evidence);
  }
  const pipeline = slowestDelivery
    ? ` (slowest ${describeDelivery(slowestDelivery, { what: 'retrieved', at: slowest })})`
    : '';
  const verdict = timedVerdict(
    expectation,
    slowest,
    {
      met: `${accesses.length} of ${accesses.length} reads recorded in ${expectation.trail} with ${expectation.fields.join(', ')}${pipeline}`,
      missed: '',
    },
    evidence,
  );
  return slowestDelivery ? { ...verdict, delivery: slowestDelivery } : verdict;
}
