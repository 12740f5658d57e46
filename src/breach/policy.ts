import type { ScenarioBreach } from '../scenario/types.ts';
import type { Organisation } from './notices/templates.ts';

/** How the simulated organisation responds to a breach, taken from the scenario's `breach` facts. */
export interface BreachPolicy extends ScenarioBreach {
  /** When the workflow sends notices, after discovery. */
  noticesAfterMs: number;
  organisation: Organisation;
  /** IANA zone of the covered entity (due days of federal obligations end there). */
  entityZone: string;
  /**
   * Legal-clock seconds per drill second: 1 on the legal clock; a real-clock drill of your own stack
   * may compress (86400: a day of the law's clock per second), every window scaled alike.
   */
  compression: number;
}

/** Riverside Clinic, the simulated covered entity; every contact point is reserved or fictional. */
export const SIMULATED_ORGANISATION: Organisation = {
  name: 'Riverside Clinic',
  tollFree: '1-800-555-0142',
  email: 'privacy@clinic.example.org',
  website: 'https://clinic.example.org/privacy-notice',
  postalAddress: 'Privacy Office, Riverside Clinic, 100 Example Avenue, Springfield, NY 10001',
};
