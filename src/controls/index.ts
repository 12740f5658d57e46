import { apiRateAnomaly } from './api-rate-anomaly.ts';
import { appLogPhiScanner } from './app-log-phi-scanner.ts';
import { auditGapMonitor } from './audit-gap-monitor.ts';
import { crmEventLog, fhirAudit, portalAccessLog } from './audit-trails.ts';
import { baaEgressGuard } from './baa-egress-guard.ts';
import { breachNotificationWorkflow } from './breach-notification-workflow.ts';
import { breakGlassMonitor } from './break-glass-monitor.ts';
import { clientStorageMonitor } from './client-storage-monitor.ts';
import { deadLetterInspector } from './dead-letter-inspector.ts';
import type { ControlDefinition } from './define.ts';
import { deidentificationChecker } from './deidentification-checker.ts';
import { deviceWipeMonitor } from './device-wipe-monitor.ts';
import { encryptionStatusMonitor } from './encryption-status-monitor.ts';
import { integrationLoginBaseline } from './integration-login-baseline.ts';
import { logSearchAudit } from './log-search-audit.ts';
import { minimumNecessaryFields } from './minimum-necessary-fields.ts';
import { nonprodPhiScanner } from './nonprod-phi-scanner.ts';
import { oauthScopeAnomaly } from './oauth-scope-anomaly.ts';
import { openStorageGuard } from './open-storage-guard.ts';
import { outboundMailDlp } from './outbound-mail-dlp.ts';
import { portalSessionGuard } from './portal-session-guard.ts';
import { publicFileLinkGuard } from './public-file-link-guard.ts';
import { queueRetentionScanner } from './queue-retention-scanner.ts';
import { sessionStoreAuditor } from './session-store-auditor.ts';
import { smartScopePolicy } from './smart-scope-policy.ts';
import { stagingTableScanner } from './staging-table-scanner.ts';
import { storageAccessLog } from './storage-access-log.ts';
import { syncResidueScanner } from './sync-residue-scanner.ts';
import { transportPolicyMonitor } from './transport-policy-monitor.ts';
import { urlPhiScanner } from './url-phi-scanner.ts';
import { webToLeadPhiGuard } from './web-to-lead-phi-guard.ts';

/** The built-in controls, in the order they run. Adding one: a file and a line here. */
export const BUILT_IN_CONTROLS: readonly ControlDefinition[] = [
  fhirAudit,
  crmEventLog,
  portalAccessLog,
  logSearchAudit,
  storageAccessLog,
  // Readers of the real servers scan before the residue scanner purges what they would find.
  stagingTableScanner,
  deadLetterInspector,
  syncResidueScanner,
  oauthScopeAnomaly,
  sessionStoreAuditor,
  portalSessionGuard,
  clientStorageMonitor,
  breakGlassMonitor,
  smartScopePolicy,
  urlPhiScanner,
  outboundMailDlp,
  minimumNecessaryFields,
  integrationLoginBaseline,
  queueRetentionScanner,
  apiRateAnomaly,
  appLogPhiScanner,
  auditGapMonitor,
  openStorageGuard,
  publicFileLinkGuard,
  webToLeadPhiGuard,
  encryptionStatusMonitor,
  nonprodPhiScanner,
  deidentificationChecker,
  transportPolicyMonitor,
  baaEgressGuard,
  deviceWipeMonitor,
  breachNotificationWorkflow,
];
