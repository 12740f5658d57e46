import { analyticsExportIdentified } from './analytics-export-identified.ts';
import { apiFlood } from './api-flood.ts';
import { auditTrailGap } from './audit-trail-gap.ts';
import { breakGlassNoMfa } from './break-glass-no-mfa.ts';
import type { InjectorDefinition } from './define.ts';
import { encryptionDisabled } from './encryption-disabled.ts';
import { flsOverexposure } from './fls-overexposure.ts';
import { hardcodedCredentials } from './hardcoded-credentials.ts';
import { lostMobileDevice } from './lost-mobile-device.ts';
import { oauthOverscope } from './oauth-overscope.ts';
import { overscopedSmartApp } from './overscoped-smart-app.ts';
import { phiInErrorLogs } from './phi-in-error-logs.ts';
import { phiInNotificationEmail } from './phi-in-notification-email.ts';
import { phiInUrl } from './phi-in-url.ts';
import { portalSessionReuse } from './portal-session-reuse.ts';
import { portalStorageResidue } from './portal-storage-residue.ts';
import { queueRemnants } from './queue-remnants.ts';
import { reportExportOpenStorage } from './report-export-open-storage.ts';
import { syncFailure } from './sync-failure.ts';
import { telehealthRecordingExposed } from './telehealth-recording-exposed.ts';
import { unmaskedSandbox } from './unmasked-sandbox.ts';
import { vendorWithoutBaa } from './vendor-without-baa.ts';
import { weakTlsIntegration } from './weak-tls-integration.ts';
import { webToLeadPhi } from './web-to-lead-phi.ts';

/** The built-in leak patterns. Adding one: a file and a line here. */
export const BUILT_IN_INJECTORS: readonly InjectorDefinition[] = [
  syncFailure,
  oauthOverscope,
  portalSessionReuse,
  portalStorageResidue,
  breakGlassNoMfa,
  overscopedSmartApp,
  phiInUrl,
  phiInNotificationEmail,
  flsOverexposure,
  hardcodedCredentials,
  queueRemnants,
  apiFlood,
  phiInErrorLogs,
  auditTrailGap,
  reportExportOpenStorage,
  telehealthRecordingExposed,
  webToLeadPhi,
  encryptionDisabled,
  unmaskedSandbox,
  analyticsExportIdentified,
  weakTlsIntegration,
  vendorWithoutBaa,
  lostMobileDevice,
];
