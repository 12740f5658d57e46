import { addDays } from '../clock/civil-date.ts';
import type { Verdict } from '../run/verdict.ts';
import { CAPABILITY } from './capabilities.ts';
import type { HotwashItem, ImprovementAction, Participant } from './types.ts';

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

/** Suggested corrective actions fall due this many days after the day the plan is drawn up. */
export const SUGGESTED_DUE_DAYS = 30;

/**
 * Suggested improvement-plan rows: one per expectation missed or late, and one per area for
 * improvement the hot wash named. Owners by role (the participant holding it when there is one),
 * due SUGGESTED_DUE_DAYS after today (the day the plan is drawn up); the facilitator edits or accepts each.
 */
export function suggestedActions(
  verdicts: readonly Verdict[],
  improvements: readonly HotwashItem[],
  participants: readonly Participant[],
  today: string,
): ImprovementAction[] {
  const due = addDays(today, SUGGESTED_DUE_DAYS);
  const ownerFor = (role: string) => {
    const holder = participants.find((participant) => participant.role === role);
    return holder ? `${holder.name} (${role})` : role;
  };
  const fromVerdicts = verdicts
    .filter((verdict) => verdict.status === 'missed' || verdict.status === 'late')
    .map((verdict) => ({
      action: FIX[verdict.type](verdict),
      capability: CAPABILITY[verdict.type],
      owner: ownerFor(OWNER_ROLE[verdict.type]),
      due,
    }));
  const fromHotwash = improvements
    .filter((item) => item.category === 'improvement')
    .map((item) => ({
      action: `Address: ${item.text}`,
      capability: CAPABILITY.manual,
      owner: ownerFor('IR lead'),
      due,
    }));
  return [...fromVerdicts, ...fromHotwash];
}
