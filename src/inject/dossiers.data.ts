/**
 * The field dossiers the catalog is drawn from: each describes, in its own words, where PHI leaks
 * through healthcare CRM integrations. A built-in leak pattern quotes the failure it drills, so a
 * reader can trace every catalog entry back to the field report that asked for it.
 */
export const DOSSIERS = {
  'legal-consequences':
    'PHI Data Leak Legal Consequences Checklist: Technical Dossier for Healthcare CRM Integrations',
  'immediate-action':
    'Safeguarding PHI Data Immediate Action: Technical Controls for Salesforce CRM Integrations',
  'insurance-coverage':
    'PHI Data Leak Insurance Coverage Checklist: Technical Implementation Gaps in CRM Integrations',
  'notification-procedure':
    'PHI Data Leak Notification Procedure: Technical Implementation Gaps in CRM Integrations',
  'lawsuit-preparation':
    'HIPAA Lawsuit Emergency Preparation Checklist: Salesforce/CRM Integration Vulnerabilities',
} as const;

export type DossierId = keyof typeof DOSSIERS;

/** A failure as a field dossier words it: `failure` is quoted verbatim from the dossier `dossier`. */
export interface DossierFailure {
  dossier: DossierId;
  failure: string;
}
