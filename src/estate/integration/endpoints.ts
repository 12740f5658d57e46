/**
 * Where partners, readers and detectors meet the integration engine: paths, headers, hosts and the
 * partner register. Apart from the handlers, so the traffic that calls them and the detectors that
 * read their logs do not load the request plumbing.
 */

/** The verified client-certificate subject the TLS terminator forwards (mutual TLS with partners). */
export const CLIENT_CERT_HEADER = 'x-client-cert-cn';
export const INTAKE_PATH = '/integration/v1/patient-intake';
export const INTAKE_LOGGER = 'integration.intake';
/** The integration engine's host, as the log shipper reports it. */
export const INTAKE_HOST_IP = '10.99.200.20';

export interface IntakePartner {
  /** Certificate CN. */
  cn: string;
  name: string;
}

export const INTAKE_PARTNERS: readonly IntakePartner[] = [
  { cn: 'referrals.riverside-health.example.org', name: 'Riverside Referral Network' },
];

/** The header the SSO proxy in front of the log platform sets to the signed-in user. */
export const SSO_USER_HEADER = 'x-forwarded-user';
export const LOG_SEARCH_PATH = '/logs/api/search';
