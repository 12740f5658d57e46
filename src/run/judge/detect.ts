import type { Signal } from '../../controls/signal.ts';
import type { DetectExpectation, MatchSelector } from '../../scenario/types.ts';
import { describeDelivery } from '../../telemetry/delivery/delivery-note.ts';
import type { Observations } from '../observations.ts';
import type { PlannedExpectation } from '../plan.ts';
import type { Verdict } from '../verdict.ts';
import { timedVerdict } from './timing.ts';

const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

/**
 * Fails closed: a selector with no control, rule or correlation matches nothing, so a missing
 * field can never turn every alert into a "detection".
 */
export function selectorMatches(selector: MatchSelector, signal: Signal): boolean {
  if (!selector.control && !selector.rule && !selector.correlation) return false;
  if (selector.control && selector.control !== signal.control) return false;
  if (selector.rule && selector.rule !== signal.rule) return false;
  if (selector.correlation && selector.correlation !== signal.correlationId) return false;
  if (selector.minSeverity && SEVERITY_RANK[signal.severity] < SEVERITY_RANK[selector.minSeverity])
    return false;
  return true;
}

export function judgeDetect(
  expectation: PlannedExpectation & DetectExpectation,
  seen: Observations,
): Verdict {
  const selector = { ...expectation.match };
  if (selector.correlation === '$inject') selector.correlation = seen.correlationId(expectation.inject);
  const first = seen.signals.find((s) => s.time >= expectation.opensAt && selectorMatches(selector, s));
  const wanted = describeSelector(selector);
  const delivery = first?.delivery;
  const pipeline = delivery ? ` (${describeDelivery(delivery, { what: 'alert', at: first.time })})` : '';
  const verdict = timedVerdict(
    expectation,
    first?.time,
    {
      met: `${first?.control}/${first?.rule} raised ${quoted(first?.summary ?? '')}${pipeline}`,
      missed: `no signal matching ${wanted} after the inject`,
    },
    first ? [first.id] : [],
  );
  return delivery ? { ...verdict, delivery } : verdict;
}

function describeSelector(selector: MatchSelector): string {
  return Object.entries(selector)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** Quotes an alert summary once: one that already holds straight quotes gets typographic ones. */
function quoted(text: string): string {
  return text.includes('"') ? `“${text}”` : `"${text}"`;
}
