import type { Actor } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import { recordSetupChange } from './setup-audit.ts';
import type { CrmState } from './state.ts';

/** One change to a profile's read access to a field, by whoever made it. */
export interface FieldReadChange {
  profile: string;
  /** The object and field as the schema spells them: the Setup Audit Trail quotes them. */
  object: string;
  field: string;
  read: boolean;
  actor: Actor;
  caller?: Caller;
}

/**
 * Sets a profile's read access to a field and records it in the Setup Audit Trail, as Setup does
 * for every field-level security change. Saving the setting a field already has changes nothing,
 * so nothing is recorded. Returns whether the setting changed.
 */
export function changeFieldRead(state: CrmState, change: FieldReadChange): boolean {
  const { profile, object, field, read } = change;
  if (state.fieldSecurity.canRead(profile, object, field) === read) return false;
  if (read) state.fieldSecurity.grantRead(profile, object, field);
  else state.fieldSecurity.revokeRead(profile, object, field);
  recordSetupChange(state, {
    action: read ? 'profileFieldReadAdded' : 'profileFieldReadRemoved',
    section: 'Manage Users',
    display: `${read ? 'Added' : 'Removed'} read access to ${object}.${field} for profile ${profile}`,
    actor: change.actor,
    caller: change.caller,
  });
  return true;
}
