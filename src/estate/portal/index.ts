export { createPortal, type Portal, type PortalOptions } from './portal.ts';
export { PORTAL_ADMIN_CONSOLE_IP } from './recorder.ts';
export { sessionKey } from './session-id.ts';
export { createMemorySessionStore, type SessionStore, type SessionWriter } from './session-store.ts';
export {
  defaultPortalConfig,
  PORTAL_COOKIE,
  PORTAL_IDLE_TIMEOUT_MS,
  type PortalAccessLogEntry,
  type PortalAccessLogField,
  type PortalAccessLogLine,
  type PortalAppointment,
  type PortalConfig,
  type PortalDirectory,
  type PortalSession,
  type PortalState,
} from './types.ts';
