/**
 * Objects whose rows the org computes from its own configuration (event log files, OAuth grants,
 * field permissions) rather than stores: they have no record indexes, and they are Setup objects,
 * outside field-level security. `CrmState.recordsOf` computes exactly these.
 */
export const COMPUTED_OBJECTS: ReadonlySet<string> = new Set([
  'EventLogFile',
  'OauthToken',
  'FieldPermissions',
]);
