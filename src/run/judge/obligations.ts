import { knowableAt } from '../../breach/knowable.ts';
import { checkNoticeContent } from '../../breach/notices/content-check.ts';
import { formatDuration } from '../../clock/duration.ts';
import type { NotifyExpectation } from '../../scenario/types.ts';
import type { Observations } from '../observations.ts';
import type { PlannedExpectation } from '../plan.ts';
import type { Verdict } from '../verdict.ts';

const DAY = 86_400_000;
const WITH_CONTENT = new Set(['individual', 'state-individual', 'media']);

/**
 * One verdict per obligation the law imposes for what the inject actually exposed (not what the
 * organisation's investigation found): sent on time, late by how many days, missing, with the required
 * 164.404(c) content, and — for individual notices — to every affected person's current address.
 */
export function judgeObligations(
  expectation: PlannedExpectation & NotifyExpectation,
  seen: Observations,
): Verdict[] {
  const kinds = new Set(expectation.obligations ?? []);
  const breach = seen.breach;
  const base = {
    type: 'notify' as const,
    injectId: expectation.inject,
    injectedAt: expectation.opensAt,
    evidence: [] as string[],
  };
  if (!breach) {
    return [
      {
        ...base,
        expectationId: expectation.id,
        status: 'not-applicable',
        windowMs: expectation.withinMs,
        reason: 'the scenario gives no breach facts (add a `breach` section)',
      },
    ];
  }
  const first = seen.signals.find((s) => s.time >= expectation.opensAt);
  const discovery = first ? knowableAt(first) : expectation.opensAt;
  const truth = breach.truth(expectation.inject, discovery);
  const due = truth.obligations.filter((obligation) => kinds.has(obligation.kind));
  if (due.length === 0) {
    return [
      {
        ...base,
        expectationId: expectation.id,
        status: 'met',
        windowMs: expectation.withinMs,
        observedAt: expectation.opensAt,
        latencyMs: 0,
        reason: `no ${[...kinds].join('/')} notice is due: ${truth.assessment.outcome} (${truth.assessment.basis[0] ?? '45 CFR 164.402'})`,
      },
    ];
  }
  return due.map((obligation): Verdict => {
    // A compressed drill scales every legal window alike, from discovery.
    const dueAt = discovery + (Date.parse(obligation.dueAt) - discovery) / breach.compression;
    const scaled = breach.compression === 1 ? '' : ` on a breach clock compressed ${breach.compression}×`;
    const id = `${expectation.id}:${obligation.id}`;
    const window = {
      ...base,
      expectationId: id,
      windowMs: dueAt - expectation.opensAt,
      deadline: obligation.dueAt,
    };
    const sent = breach.sent.find((notice) => notice.obligationId === obligation.id);
    if (!sent) {
      return {
        ...window,
        status: 'missed',
        reason: `no ${obligation.kind} notice to ${obligation.recipient} (due ${obligation.dueAt}, ${obligation.basis})`,
      };
    }
    const evidence = sent.messageIds.slice(0, 5);
    const text = sent.messageIds.length > 0 ? breach.messageText(sent.messageIds[0]!) : undefined;
    if (WITH_CONTENT.has(obligation.kind) && text !== undefined) {
      const content = checkNoticeContent(text, truth.facts);
      if (!content.ok) {
        return {
          ...window,
          evidence,
          status: 'missed',
          reason: `notice lacks ${content.missing.map((m) => m.element).join(', ')} (164.404(c))`,
        };
      }
    }
    if (obligation.kind === 'individual' || obligation.kind === 'state-individual') {
      const reached = new Set(sent.patientIds);
      const owed = breach.exposed(
        expectation.inject,
        obligation.kind === 'state-individual' ? obligation.jurisdiction : undefined,
      );
      const unreached = owed.filter((id) => !reached.has(id) && breach.currentEmail(id) !== undefined);
      if (unreached.length > 0) {
        return {
          ...window,
          evidence,
          status: 'missed',
          reason: `${unreached.length} of ${owed.length} affected individuals got no notice (wrong recipients)`,
        };
      }
    }
    const late = sent.sentAt > dueAt;
    return {
      ...window,
      evidence,
      status: late ? 'late' : 'met',
      observedAt: sent.sentAt,
      latencyMs: sent.sentAt - expectation.opensAt,
      reason: late
        ? `${obligation.kind} notice sent ${Math.ceil((sent.sentAt - dueAt) / DAY)} day(s) after its deadline ${obligation.dueAt} (${obligation.basis})${scaled}`
        : `${obligation.kind} notice to ${obligation.recipient} sent ${formatDuration(dueAt - sent.sentAt)} before its deadline (${obligation.basis})${scaled}`,
    };
  });
}
