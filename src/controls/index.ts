import { crmEventLog, fhirAudit, portalAccessLog } from './audit-trails.ts';
import { breachNotificationWorkflow } from './breach-notification-workflow.ts';
import type { ControlDefinition } from './define.ts';
import { oauthScopeAnomaly } from './oauth-scope-anomaly.ts';
import { portalSessionGuard } from './portal-session-guard.ts';
import { syncResidueScanner } from './sync-residue-scanner.ts';

/** The built-in controls, in the order they run. Adding one: a file and a line here. */
export const BUILT_IN_CONTROLS: readonly ControlDefinition[] = [
  fhirAudit,
  crmEventLog,
  portalAccessLog,
  syncResidueScanner,
  oauthScopeAnomaly,
  portalSessionGuard,
  breachNotificationWorkflow,
];
