import type { ScenarioBreach } from '../scenario/types.ts';
import type { Organisation } from './notices/templates.ts';

/** How the simulated organisation responds to a breach, taken from the scenario's `breach` facts. */
export interface BreachPolicy extends ScenarioBreach {
  /** When the workflow sends notices, after discovery. */
  noticesAfterMs: number;
  organisation: Organisation;
  /** IANA zone of the covered entity (due days of federal obligations end there). */
  entityZone: string;
}

/** Riverside Clinic, the simulated covered entity; every contact point is reserved or fictional. */
export const SIMULATED_ORGANISATION: Organisation = {
  name: 'Riverside Clinic',
  tollFree: '1-800-555-0142',
  email: 'privacy@clinic.example.org',
  website: 'https://clinic.example.org/privacy-notice',
  postalAddress: 'Privacy Office, Riverside Clinic, 100 Example Avenue, Springfield, NY 10001',
};
