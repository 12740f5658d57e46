import type { HttpHandler } from 'msw';
import type { EstateContext } from '../context.ts';
import { CrmFiles } from './files.ts';
import { publicFileHandlers } from './files-public.ts';
import { crmHandlers } from './handlers.ts';
import { PlatformEncryption } from './platform-encryption.ts';
import { CrmState } from './state.ts';
import { type WebToLeadConfig, webToLeadHandler } from './web-to-lead.ts';

export { EVENT_LOG_HEADERS, type EventLogType } from '../../telemetry/event-log-schema.ts';
export type {
  ConnectedApp,
  ConnectedAppInput,
  CrmUser,
  CrmUserInput,
  SessionLevel,
  TokenGrant,
  UserType,
} from './auth.ts';
export { SfError } from './errors.ts';
export type { EventLogRow, EventMonitoringConfig } from './event-log.ts';
export { CrmFiles, type FilesConfig, type FileUpload } from './files.ts';
export { idChecksum, KEY_PREFIX, toId15, toId18 } from './ids.ts';
export { ENCRYPTED_BY_POLICY, PlatformEncryption } from './platform-encryption.ts';
export type { FaultSwitch, WriteFault } from './records.ts';
export type { FieldValue, SObjectRecord } from './soql/evaluate.ts';
export { SoqlError } from './soql/lexer.ts';
export { type CrmConfig, type CrmReport, CrmState, type QueryResult } from './state.ts';
export { WEB_TO_LEAD_CUSTOM_FIELDS, type WebToLeadConfig, webToLeadParamOf } from './web-to-lead.ts';

export interface Crm {
  state: CrmState;
  files: CrmFiles;
  /** Web-to-Lead settings; the estate names the Default Lead Creator once its users exist. */
  webToLead: WebToLeadConfig;
  /** The encryption policy per field and for files, and what storage-level copies hold. */
  encryption: PlatformEncryption;
  handlers: HttpHandler[];
}

/** The simulated Salesforce org: its state (usable in-process) and its REST/OAuth endpoints as msw handlers. */
export function createCrm(ctx: EstateContext, options: { apiVersion?: string } = {}): Crm {
  const state = new CrmState(ctx, options.apiVersion ?? '66.0');
  const files = new CrmFiles(state);
  const webToLead: WebToLeadConfig = { enabled: true, defaultCreatorId: undefined };
  return {
    state,
    files,
    webToLead,
    encryption: new PlatformEncryption(state, files),
    handlers: [...crmHandlers(state), ...publicFileHandlers(files), webToLeadHandler(state, webToLead)],
  };
}
