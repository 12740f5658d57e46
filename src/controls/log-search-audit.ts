import { defineControl } from './define.ts';

/**
 * The log platform's own audit of searches (164.312(b)): who read which application log, from where
 * and with what query. Without it nobody can say which engineers saw PHI that leaked into a log.
 */
export const logSearchAudit = defineControl({
  id: 'log-search-audit',
  summary: 'Log platform records every search of the application logs: user, group, address, query, hits',
  kind: 'audit-trail',
  rules: [],
  covers: [],
  configure(estate, enabled) {
    estate.integration.appLog.config.searchAudit.enabled = enabled;
  },
});
