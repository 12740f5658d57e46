import type { SentNotice } from './notice-workflow.ts';
import type { BreachPolicy } from './policy.ts';

/** Where the organisation's notification workflow reads its policy and records what it sent. */
export interface BreachDesk {
  readonly policy: BreachPolicy;
  readonly sent: SentNotice[];
}
