import { incidentFacts } from '../breach/incident-facts.ts';
import { knowableAt } from '../breach/knowable.ts';
import { sendBreachNotices } from '../breach/notice-workflow.ts';
import { peopleOf } from '../breach/people.ts';
import { defineControl } from './define.ts';
import type { Signal } from './signal.ts';

const DAY = 86_400_000;
const INDIVIDUAL_NOTICE_DAYS = 60;
const RETRY_EVERY_MS = 15 * 60_000;

/**
 * The incident workflow: on the first high-severity signal of an incident it opens a
 * breach-notification task in the CRM, due 60 calendar days after discovery (164.404(b)), where
 * discovery is the day the signal's telemetry was knowable (164.404(a)(2): known or, with
 * reasonable diligence, would have been known), not a later triage date nor a slow log's publication.
 * If the CRM is down it retries every 15 minutes, keeping the original discovery date. When the
 * scenario gives the breach facts, it later assesses the breach, computes every obligation and sends
 * the notices through the estate's mail, to the people its investigation (the signals) found.
 */
export const breachNotificationWorkflow = defineControl({
  id: 'breach-notification-workflow',
  summary: 'Opens a breach-notification task due 60 days from discovery; assesses and sends the notices',
  kind: 'responder',
  rules: [],
  covers: [],
  scanEveryMs: RETRY_EVERY_MS,
  start({ estate, clock, breach, later }) {
    let pending: Signal | undefined;
    let opened = false;
    const found = new Set<string>();
    const people = peopleOf(estate);
    const open = () => {
      if (!pending || opened) return;
      estate.openNotificationTask({
        discoveredAt: knowableAt(pending),
        dueAt: knowableAt(pending) + INDIVIDUAL_NOTICE_DAYS * DAY,
        legalBasis: '45 CFR 164.404(b)',
        summary: `Breach assessment and individual notice: ${pending.summary}`,
        openedAt: clock.now(),
        openedBy: 'breach-notification-workflow',
      });
      opened = true;
    };
    const notify = (discovery: Signal) => {
      if (!breach) return;
      const facts = incidentFacts(breach.policy, knowableAt(discovery), found, people);
      breach.sent.push(
        ...sendBreachNotices(facts, breach.policy, [...found], estate.mail, people, clock.now()),
      );
    };
    return {
      onSignal(signal) {
        for (const id of signal.patientIds) found.add(id);
        if (signal.severity !== 'high' && signal.severity !== 'critical') return;
        if (!pending) {
          pending = signal;
          if (breach) later?.(breach.policy.noticesAfterMs, () => notify(signal));
        }
        open();
      },
      onScan: open,
    };
  },
});
