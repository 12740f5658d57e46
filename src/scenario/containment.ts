/**
 * How each inject's containment is done, per condition a `contain` expectation can wait for: what
 * the responder does and the estate interface a user's SOAR calls for it (served on loopback during
 * `run --target`, judged from the estate's state, not from who acted). Every route names at least
 * one interface, so a user's own stack can meet every condition the catalog judges.
 */
export interface ContainmentRoute {
  injector: string;
  condition: string;
  action: string;
  /** Never empty: the type holds every route to one interface at least. */
  interfaces: readonly [string, ...string[]];
}

/** The estate's administrator consoles take the responder administrator's CRM access token. */
const AS_ADMIN = '(Bearer: the responder administrator’s CRM token)';
const OAUTH_TOKEN = 'DELETE /services/data/vXX.X/sobjects/OauthToken/{Id} (as the responder administrator)';
const FIELD_READ_OFF =
  'PATCH /services/data/vXX.X/sobjects/FieldPermissions/{Id} {"PermissionsRead": false} (as the responder administrator)';
const SECRET_ROTATE =
  'POST /services/data/vXX.X/apps/oauth/credentials/{appId}/rotate (as the responder administrator)';

export const CONTAINMENT: readonly ContainmentRoute[] = [
  {
    injector: 'api-flood',
    condition: 'source-blocked',
    action: 'block the flooding source addresses',
    interfaces: [`PUT /network/admin/blocklist/{address} ${AS_ADMIN}`],
  },
  {
    injector: 'audit-trail-gap',
    condition: 'audit-restored',
    action: 'turn EHR audit recording back on',
    interfaces: [`PUT /ehr/admin/audit {"enabled": true} ${AS_ADMIN}`],
  },
  {
    injector: 'break-glass-no-mfa',
    condition: 'elevated-token-revoked',
    action: 'revoke the EHR break-glass token',
    interfaces: [`POST /ehr/admin/break-glass/{session}/revoke ${AS_ADMIN}`],
  },
  {
    injector: 'fls-overexposure',
    condition: 'fls-restored',
    action: 'remove the field-level read access the profile gained',
    interfaces: [FIELD_READ_OFF],
  },
  {
    injector: 'hardcoded-credentials',
    condition: 'sessions-revoked',
    // Deleting OauthToken records ends the sessions open now, but the leaked secret logs in again
    // until it is reset: both, secret first, keep the sessions ended.
    action: 'revoke every CRM session opened with the leaked secret',
    interfaces: [`${SECRET_ROTATE}, then ${OAUTH_TOKEN} for each of the integration user’s authorisations`],
  },
  {
    injector: 'hardcoded-credentials',
    condition: 'credentials-rotated',
    action: 'reset the connected app’s consumer secret',
    interfaces: [SECRET_ROTATE],
  },
  {
    injector: 'oauth-overscope',
    condition: 'token-revoked',
    action: 'revoke the over-scoped app’s CRM token',
    interfaces: [OAUTH_TOKEN, 'POST /services/oauth2/revoke (token=…)'],
  },
  {
    injector: 'overscoped-smart-app',
    condition: 'token-revoked',
    action: 'revoke the SMART app’s EHR refresh and access tokens',
    interfaces: [`POST /ehr/admin/clients/{clientId}/revoke ${AS_ADMIN}`],
  },
  {
    injector: 'phi-in-error-logs',
    condition: 'logs-redacted',
    action: 'turn off verbose error logging and redact the lines already written',
    interfaces: [
      `PATCH /integration/admin/intake {"verboseErrors": false, "logPayloads": false}, then POST /integration/admin/logs/{logger}/redact ${AS_ADMIN}`,
    ],
  },
  {
    injector: 'phi-in-notification-email',
    condition: 'reminders-paused',
    action: 'pause the reminder mail job',
    interfaces: [`POST /mail/admin/reminders/pause ${AS_ADMIN}`],
  },
  {
    injector: 'phi-in-url',
    condition: 'urls-clean',
    action: 'switch the portal finder to POST',
    interfaces: [`PUT /portal/admin/finder {"method": "post"} ${AS_ADMIN}`],
  },
  {
    injector: 'portal-session-reuse',
    condition: 'session-terminated',
    action: 'terminate the reused portal session',
    interfaces: [`DELETE /portal/admin/sessions/{key} ${AS_ADMIN}`],
  },
  {
    injector: 'portal-storage-residue',
    condition: 'storage-cleared',
    action: 'stop the profile cache and clear portal storage on every device’s next load',
    interfaces: [`POST /portal/admin/clear-site-data ${AS_ADMIN}`],
  },
  {
    injector: 'queue-remnants',
    condition: 'queue-purged',
    action: 'purge the PHI left on the sync queue',
    interfaces: [`POST /integration/admin/topic/purge?olderThan=1h ${AS_ADMIN}`],
  },
  {
    injector: 'report-export-open-storage',
    condition: 'object-private',
    action: 'make the exported object private',
    interfaces: [
      `PUT /storage/{bucket}?publicAccessBlock (IgnorePublicAcls and RestrictPublicBuckets true) ${AS_ADMIN}`,
      `PUT /storage/{bucket}/{key}?acl (x-amz-acl: private), then DELETE /storage/{bucket}?policy ${AS_ADMIN}`,
    ],
  },
  {
    injector: 'report-export-open-storage',
    condition: 'bucket-private',
    action: 'remove the bucket’s public-read policy',
    interfaces: [
      `DELETE /storage/{bucket}?policy ${AS_ADMIN}`,
      `PUT /storage/{bucket}?publicAccessBlock (RestrictPublicBuckets true) ${AS_ADMIN}`,
    ],
  },
  {
    injector: 'sync-failure',
    condition: 'residue-purged',
    action: 'purge the failed sync batch’s residue',
    interfaces: [`POST /integration/admin/sync/purge ${AS_ADMIN}`],
  },
  {
    injector: 'telehealth-recording-exposed',
    condition: 'link-revoked',
    action: 'delete the recording’s public link (ContentDistribution)',
    interfaces: [
      'DELETE /services/data/vXX.X/sobjects/ContentDistribution/{Id} (as the responder administrator)',
    ],
  },
  {
    injector: 'web-to-lead-phi',
    condition: 'lead-phi-restricted',
    action: 'remove Marketing’s read access to the Lead fields carrying PHI',
    interfaces: [FIELD_READ_OFF],
  },
  {
    injector: 'encryption-disabled',
    condition: 'encryption-restored',
    action: 'put the patient fields back under the encryption policy',
    interfaces: [`POST /crm/admin/encryption/fields {field, encrypted: true} ${AS_ADMIN}`],
  },
  {
    injector: 'unmasked-sandbox',
    condition: 'sandbox-access-suspended',
    action: 'suspend access to the unmasked sandbox (end its sessions, refuse sign-ins)',
    interfaces: [`POST /sandbox/admin/{name}/suspend ${AS_ADMIN}`],
  },
  {
    injector: 'analytics-export-identified',
    condition: 'batch-recalled',
    action: 'recall the identified batch from the analytics platform (the platform deletes it)',
    interfaces: [`POST /integration/admin/analytics/batches/{batchId}/recall ${AS_ADMIN}`],
  },
  {
    injector: 'weak-tls-integration',
    condition: 'tls-enforced',
    action: 'hold the integration edge to TLS 1.2 or newer and close its plain HTTP listener',
    interfaces: [`POST /integration/admin/tls/minimum {"minimum":"TLSv1.2"} ${AS_ADMIN}`],
  },
  {
    injector: 'vendor-without-baa',
    condition: 'egress-blocked',
    action: 'block the vendor’s host at the outbound gateway',
    interfaces: [`POST /integration/admin/egress/block {"host":"…"} ${AS_ADMIN}`],
  },
  {
    injector: 'lost-mobile-device',
    condition: 'device-wiped',
    action: 'wipe the lost device (done when the device acknowledges it)',
    interfaces: [`POST /mdm/admin/devices/{id}/wipe ${AS_ADMIN}`],
  },
];

export function containmentOf(injector: string, condition: string): ContainmentRoute | undefined {
  return CONTAINMENT.find((route) => route.injector === injector && route.condition === condition);
}
