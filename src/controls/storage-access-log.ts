import { defineControl } from './define.ts';

/**
 * The object store's server access logging (164.312(b)). Switching it off really stops the lines, so
 * `log` expectations prove a drill would notice a store nobody can audit.
 */
export const storageAccessLog = defineControl({
  id: 'storage-access-log',
  summary: 'Object-store server access log: every request with requester, address, agent, status and bytes',
  kind: 'audit-trail',
  rules: [],
  covers: [],
  configure(estate, enabled) {
    estate.storage.state.config.accessLog.enabled = enabled;
  },
});
