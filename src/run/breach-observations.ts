import { assessBreach } from '../breach/assess.ts';
import { computeObligations } from '../breach/deadlines.ts';
import type { BreachDesk } from '../breach/desk.ts';
import { incidentFacts } from '../breach/incident-facts.ts';
import { peopleOf } from '../breach/people.ts';
import type { Estate } from '../estate/estate.ts';
import type { InjectRunner } from './inject-runner.ts';
import type { BreachObservations } from './observations.ts';

/** The ground truth for breach judging: what each inject really exposed, and what the organisation sent. */
export function breachObservations(
  desk: BreachDesk,
  estate: Estate,
  injects: InjectRunner,
): BreachObservations {
  const people = peopleOf(estate);
  const exposed = (injectId: string) => [...(injects.records.get(injectId)?.exposed ?? [])];
  return {
    compression: desk.policy.compression,
    truth(injectId, discoveredAt) {
      const facts = incidentFacts(
        desk.policy,
        discoveredAt,
        exposed(injectId),
        people,
        injects.records.get(injectId)?.protection,
      );
      const assessment = assessBreach(facts);
      return {
        facts,
        assessment,
        obligations: computeObligations(facts, assessment, { entityZone: desk.policy.entityZone }),
      };
    },
    sent: desk.sent,
    messageText: (id) => estate.mail.state.message(id)?.text,
    exposed: (injectId, state) =>
      exposed(injectId).filter((id) => state === undefined || people.stateOf(id) === state),
    currentEmail: people.currentEmail,
  };
}
