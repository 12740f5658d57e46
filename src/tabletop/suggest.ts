import { addDays } from '../breach/civil-date.ts';
import type { Verdict } from '../run/verdict.ts';
import { CAPABILITY } from './capabilities.ts';
import type { ImprovementAction, Participant } from './types.ts';

/** Who usually owns the fix for each capability, by role; the facilitator when nobody holds it. */
const OWNER_ROLE: Record<Verdict['type'], string> = {
  detect: 'security analyst',
  log: 'CRM admin',
  contain: 'IR lead',
  notify: 'privacy officer',
  manual: 'IR lead',
};

const FIX: Record<Verdict['type'], (verdict: Verdict) => string> = {
  detect: (v) => `Add or tune the detection for inject ${v.injectId} so it alerts within the window`,
  log: (v) =>
    `Close the audit-trail gap behind ${v.expectationId}: record every access with the required fields`,
  contain: (v) =>
    `Automate or drill the containment step for ${v.injectId} so it completes within the window`,
  notify: (v) => `Fix the notification workflow for ${v.expectationId}: content, recipients and the deadline`,
  manual: (v) => `Write the step behind ${v.expectationId} into the IR plan with an owner and a time limit`,
};

/** One suggested improvement-plan row per expectation missed or late; owners by role, due in 30 days. */
export function suggestedActions(
  verdicts: readonly Verdict[],
  participants: readonly Participant[],
  today: string,
): ImprovementAction[] {
  const due = addDays(today, 30);
  return verdicts
    .filter((verdict) => verdict.status === 'missed' || verdict.status === 'late')
    .map((verdict) => {
      const role = OWNER_ROLE[verdict.type];
      const holder = participants.find((participant) => participant.role === role);
      return {
        action: FIX[verdict.type](verdict),
        capability: CAPABILITY[verdict.type],
        owner: holder ? `${holder.name} (${role})` : role,
        due,
      };
    });
}
