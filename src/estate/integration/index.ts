import type { HttpHandler } from 'msw';
import type { EstateContext } from '../context.ts';
import { AppLog } from './app-log.ts';
import { createEdgeTls, type EdgeTls } from './edge-tls.ts';
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
export type { CapturedError, Intake, IntakeConfig } from './intake.ts';

/** The integration engine's partner intake endpoint and the application log it writes to. */
export interface Integration {
  appLog: AppLog;
  /** The edge load balancer's TLS policy in front of the intake. */
  edge: EdgeTls;
  intake: Intake;
  handlers: HttpHandler[];
}

export function createIntegration(
  ctx: EstateContext,
  patientIdOfMrn: (mrn: string) => string | undefined,
): Integration {
  const appLog = new AppLog(ctx);
  const edge = createEdgeTls(ctx);
  const intake = createIntake(ctx, appLog, patientIdOfMrn, edge);
  return { appLog, edge, intake, handlers: [intake.handler, logSearchHandler(ctx, appLog)] };
}
export {
  EDGE_HOST_IP,
  type EdgeTls,
  FORWARDED_PROTO_HEADER,
  type Handshake,
  isWeakProtocol,
  MINIMUM_SAFE_TLS,
  SSL_PROTOCOL_HEADER,
  TLS_PROTOCOLS,
  type TlsProtocol,
} from './edge-tls.ts';
