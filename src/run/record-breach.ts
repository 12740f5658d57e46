import { assessBreach } from '../breach/assess.ts';
import { incidentFacts } from '../breach/incident-facts.ts';
import { peopleOf } from '../breach/people.ts';
import type { BreachPolicy } from '../breach/policy.ts';
import type { Estate } from '../estate/estate.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { InjectRecord } from './inject-runner.ts';

/**
 * One `breach.assessed` entry per inject that exposed anyone, assessed on whom it really exposed and
 * the scenario's breach facts. Discovery time does not enter the four factors, so the inject's own
 * time stands in for it here; the deadlines that do depend on discovery are judged separately.
 */
export function recordBreachAssessments(
  records: Iterable<InjectRecord>,
  policy: BreachPolicy,
  estate: Estate,
  ledger: Ledger,
): void {
  const people = peopleOf(estate);
  for (const record of records) {
    if (record.exposed.size === 0) continue;
    const facts = incidentFacts(policy, record.planned.at, record.exposed, people, record.protection);
    const assessment = assessBreach(facts);
    ledger.append({
      kind: 'breach.assessed',
      at: estate.clock.now(),
      injectId: record.planned.id,
      individuals: record.exposed.size,
      phiTypes: [...facts.phiTypes],
      outcome: assessment.outcome,
      notifiable: assessment.notifiable,
      factors: assessment.factors.map((factor) => ({ ...factor })),
      basis: [...assessment.basis],
    });
  }
}
