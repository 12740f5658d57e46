/**
 * How each inject's containment is done, per condition a `contain` expectation can wait for: what
 * the responder does and the estate interface a user's SOAR calls for it (served on loopback during
 * `run --target`, judged from the estate's state, not from who acted). An empty `interfaces` is
 * honest: only the built-in responder can act on that condition yet.
 */
export interface ContainmentRoute {
  injector: string;
  condition: string;
  action: string;
  interfaces: readonly string[];
}

/** The estate's administrator consoles take the responder administrator's CRM access token. */
const AS_ADMIN = '(Bearer: the responder administrator’s CRM token)';
const OAUTH_TOKEN = 'DELETE /services/data/vXX.X/sobjects/OauthToken/{Id} (as the responder administrator)';

export const CONTAINMENT: readonly ContainmentRoute[] = [
  {
    injector: 'api-flood',
    condition: 'source-blocked',
    action: 'block the flooding source addresses',
    interfaces: [],
  },
  {
    injector: 'audit-trail-gap',
    condition: 'audit-restored',
    action: 'turn EHR audit recording back on',
    interfaces: [],
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
    interfaces: [],
  },
  {
    injector: 'hardcoded-credentials',
    condition: 'sessions-revoked',
    // Deleting OauthToken records ends the sessions open now, but the leaked secret logs in again
    // until it is reset, and resetting it has no estate interface yet.
    action: 'revoke every CRM session opened with the leaked secret',
    interfaces: [],
  },
  {
    injector: 'hardcoded-credentials',
    condition: 'credentials-rotated',
    action: 'reset the connected app’s consumer secret',
    interfaces: [],
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
    interfaces: [],
  },
  {
    injector: 'phi-in-notification-email',
    condition: 'reminders-paused',
    action: 'pause the reminder mail job',
    interfaces: [],
  },
  {
    injector: 'phi-in-url',
    condition: 'urls-clean',
    action: 'switch the portal finder to POST',
    interfaces: [],
  },
  {
    injector: 'portal-session-reuse',
    condition: 'session-terminated',
    action: 'terminate the reused portal session',
    interfaces: [`DELETE /portal/admin/sessions/{key} ${AS_ADMIN}`],
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
    interfaces: [],
  },
  {
    injector: 'report-export-open-storage',
    condition: 'bucket-private',
    action: 'remove the bucket’s public-read policy',
    interfaces: [],
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
    interfaces: [],
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
