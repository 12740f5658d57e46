import type { Actor } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { CrmState } from './state.ts';
import { emitCrmEvent } from './telemetry.ts';

/** One Setup change, as the org's Setup Audit Trail (SetupAuditTrail) records it. */
export interface SetupChange {
  /** The change's category (SetupAuditTrail `Action`); the values are this estate's own. */
  action: string;
  /** The Setup menu section it was made in (`Section`). */
  section: string;
  /** The full description (`Display`). */
  display: string;
  actor: Actor;
  caller?: Caller;
}

/**
 * Emits the Setup Audit Trail record of a configuration change (field-level security, encryption
 * policy): the one place an org records who changed a safeguard, and when.
 */
export function recordSetupChange(state: CrmState, change: SetupChange): void {
  emitCrmEvent(state.ctx, {
    action: 'sf.setup.change',
    caller: change.caller ?? { sourceIp: '127.0.0.1', requestId: state.ctx.nextId('req') },
    status: 200,
    actor: change.actor,
    resource: { type: 'SetupAuditTrail' },
    detail: { Action: change.action, Section: change.section, Display: change.display },
  });
}
