import { defineControl } from './define.ts';
import type { Signal } from './signal.ts';

const DAY = 86_400_000;
const INDIVIDUAL_NOTICE_DAYS = 60;
const RETRY_EVERY_MS = 15 * 60_000;

/**
 * The incident workflow: on the first high-severity signal of an incident it opens a
 * breach-notification task in the CRM, due 60 calendar days after discovery (164.404(b)), where
 * discovery is the signal itself (164.404(a)(2): known or knowable), not a later triage date.
 * If the CRM is down it retries every 15 minutes, keeping the original discovery date.
 */
export const breachNotificationWorkflow = defineControl({
  id: 'breach-notification-workflow',
  summary: 'Opens a breach-notification task due 60 days from discovery on the first high-severity signal',
  kind: 'responder',
  rules: [],
  covers: [],
  scanEveryMs: RETRY_EVERY_MS,
  start({ estate, clock }) {
    let pending: Signal | undefined;
    let opened = false;
    const open = () => {
      if (!pending || opened) return;
      estate.openNotificationTask({
        discoveredAt: pending.time,
        dueAt: pending.time + INDIVIDUAL_NOTICE_DAYS * DAY,
        legalBasis: '45 CFR 164.404(b)',
        summary: `Breach assessment and individual notice: ${pending.summary}`,
        openedAt: clock.now(),
        openedBy: 'breach-notification-workflow',
      });
      opened = true;
    };
    return {
      onSignal(signal) {
        if (signal.severity !== 'high' && signal.severity !== 'critical') return;
        pending ??= signal;
        open();
      },
      onScan: open,
    };
  },
});
