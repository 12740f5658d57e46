import { defineControl } from './define.ts';

/**
 * The estate's own audit trails (164.312(b)). As controls they can be switched off for a run, which
 * really stops the records, so `log` expectations prove they would notice a silent audit trail.
 */
export const fhirAudit = defineControl({
  id: 'fhir-audit',
  summary: 'EHR writes an IHE BALP AuditEvent for every FHIR access',
  kind: 'audit-trail',
  rules: [],
  covers: [],
  configure(estate, enabled) {
    estate.ehr.state.config.audit.enabled = enabled;
  },
});

export const crmEventLog = defineControl({
  id: 'crm-event-log',
  summary: 'CRM Event Monitoring records API, Login and report events (EventLogFile)',
  kind: 'audit-trail',
  rules: [],
  covers: [],
  configure(estate, enabled) {
    estate.crm.state.config.eventMonitoring.enabled = enabled;
  },
});

export const portalAccessLog = defineControl({
  id: 'portal-access-log',
  summary: 'Patient portal access log: every request with session, address, agent and patient',
  kind: 'audit-trail',
  rules: [],
  covers: [],
  configure(estate, enabled) {
    estate.portal.state.config.accessLog.enabled = enabled;
  },
});
