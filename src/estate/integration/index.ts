import type { HttpHandler } from 'msw';
import type { EstateContext } from '../context.ts';
import { AppLog } from './app-log.ts';
import { createIntake, type Intake } from './intake.ts';
import { logSearchHandler } from './log-search.ts';

export {
  APPROVED_LOG_READERS,
  AppLog,
  type AppLogConfig,
  type AppLogRecord,
  LOG_PLATFORM_IP,
  LOG_READERS,
  type LogLevel,
  type LogReader,
  type LogSearchAuditRecord,
  REDACTED,
} from './app-log.ts';
export {
  type CapturedError,
  CLIENT_CERT_HEADER,
  INTAKE_LOGGER,
  INTAKE_PARTNERS,
  INTAKE_PATH,
  type Intake,
  type IntakeConfig,
} from './intake.ts';
export { LOG_SEARCH_PATH, SSO_USER_HEADER } from './log-search.ts';

/** The integration engine's partner intake endpoint and the application log it writes to. */
export interface Integration {
  appLog: AppLog;
  intake: Intake;
  handlers: HttpHandler[];
}

export function createIntegration(
  ctx: EstateContext,
  patientIdOfMrn: (mrn: string) => string | undefined,
): Integration {
  const appLog = new AppLog(ctx);
  const intake = createIntake(ctx, appLog, patientIdOfMrn);
  return { appLog, intake, handlers: [intake.handler, logSearchHandler(ctx, appLog)] };
}
